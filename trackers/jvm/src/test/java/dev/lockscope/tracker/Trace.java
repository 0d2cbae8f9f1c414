package dev.lockscope.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A trace read back for tests, every line parsed by Jackson (strict JSON), with the rules of
 * docs/trace-format.md and TRACE-V2.md checked by {@link #checkWellFormed()} and the lock discipline by
 * {@link #checkLockDiscipline()}.
 */
final class Trace {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The fields of each line type, in the order the format lists them. */
    private static final Map<String, List<String>> KEYS = Map.of(
            "spawn", List.of("t", "e", "g", "name", "kind", "parent"),
            "exit", List.of("t", "e", "g"),
            "lock", List.of("t", "e", "lock", "name", "kind"),
            "site", List.of("t", "e", "site", "op", "label"),
            "request", List.of("t", "e", "g", "lock", "mode", "site"),
            "acquire", List.of("t", "e", "g", "lock", "mode", "site"),
            "release", List.of("t", "e", "g", "lock", "mode", "site"),
            "blocked", List.of("t", "e", "g", "lock", "by"),
            "park", List.of("t", "e", "g", "site"),
            "end", List.of("t", "e"));

    /** One line after the header. */
    record Line(JsonNode json) {
        String e() {
            return json.get("e").asString();
        }

        long t() {
            return json.get("t").asLong();
        }

        long g() {
            return json.get("g").asLong();
        }

        int lock() {
            return json.get("lock").asInt();
        }

        String mode() {
            return json.get("mode").asString();
        }

        int site() {
            return json.get("site").asInt();
        }

        List<Long> by() {
            return json.get("by").values().stream().map(JsonNode::asLong).toList();
        }

        boolean is(String type) {
            return e().equals(type);
        }

        @Override
        public String toString() {
            return json.toString();
        }
    }

    private final JsonNode header;
    private final List<Line> lines;
    private final String cutLine;

    private Trace(JsonNode header, List<Line> lines, String cutLine) {
        this.header = header;
        this.lines = lines;
        this.cutLine = cutLine;
    }

    /** Reads a file, plain or gzip (by its magic bytes), keeping every complete line of a cut recording. */
    static Trace read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            bytes = gunzipWhatIsThere(bytes);
        }
        return parse(new String(bytes, StandardCharsets.UTF_8));
    }

    /** Parses a stream's text: complete lines end with a newline; a last line without one is kept aside. */
    static Trace parse(String text) {
        int lastNewline = text.lastIndexOf('\n');
        String complete = text.substring(0, lastNewline + 1);
        String cut = text.substring(lastNewline + 1);
        List<String> raw = complete.lines().toList();
        assertThat(raw).as("lines").isNotEmpty();
        JsonNode header = JSON.readTree(raw.get(0));
        List<Line> lines = new ArrayList<>();
        for (String line : raw.subList(1, raw.size())) {
            lines.add(new Line(JSON.readTree(line)));
        }
        return new Trace(header, lines, cut);
    }

    JsonNode header() {
        return header;
    }

    /** Every line after the header, site lines included. */
    List<Line> lines() {
        return lines;
    }

    /** The lines other than site lines. */
    List<Line> events() {
        return lines.stream().filter(l -> !l.is("site")).toList();
    }

    /** The events of thread {@code g}, in order (spawn included). */
    List<Line> eventsOf(long g) {
        return events().stream().filter(l -> l.json().has("g") && l.g() == g).toList();
    }

    /** The text after the last newline: part of a line a killed writer did not finish; empty if none. */
    String cutLine() {
        return cutLine;
    }

    boolean hasEnd() {
        return !lines.isEmpty() && lines.getLast().is("end");
    }

    String siteLabel(int site) {
        return declaration("site", "site", site).get("label").asString();
    }

    String siteOp(int site) {
        return declaration("site", "site", site).get("op").asString();
    }

    String lockName(int lock) {
        return declaration("lock", "lock", lock).get("name").asString();
    }

    /** The id of the lock declared with {@code name}. */
    int lockId(String name) {
        return lines.stream().filter(l -> l.is("lock") && l.json().get("name").asString().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no lock named " + name)).lock();
    }

    /** Types of the events of {@code g} on {@code lock}, e.g. {@code ["request", "acquire", "release"]}. */
    List<String> typesOf(long g, int lock) {
        return eventsOf(g).stream().filter(l -> l.json().has("lock") && l.lock() == lock).map(Line::e).toList();
    }

    /**
     * Checks the format: the version-2 header of producer lockscope-jvm; each line's fields, in order; times
     * that never decrease; ids declared in order and before use; at most one exit per thread and no line of the
     * thread after it (others' {@code blocked} may name it); {@code end} last. Returns this.
     */
    Trace checkWellFormed() {
        assertThat(List.copyOf(header.propertyNames())).containsExactly("format", "version", "tool", "producer", "details");
        assertThat(header.get("format").asString()).isEqualTo("lockscope-trace");
        assertThat(header.get("version").asInt()).isEqualTo(2);
        assertThat(header.get("tool").asString()).isEqualTo("lockscope-jvm 0.1.0");
        assertThat(header.get("producer").asString()).isEqualTo("lockscope-jvm");
        assertThat(List.copyOf(header.get("details").propertyNames())).containsExactly("name", "java", "pid", "started", "clock");
        long lastT = 0;
        Set<Long> spawned = new HashSet<>();
        Set<Long> exited = new HashSet<>();
        int sites = 0;
        int locks = 0;
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            int number = i + 2;
            List<String> keys = KEYS.get(line.e());
            require(keys != null, number, line, "unknown event type");
            require(List.copyOf(line.json().propertyNames()).equals(keys), number, line, "fields, in order: " + keys);
            require(line.t() >= lastT, number, line, "t never decreases (last " + lastT + ")");
            lastT = line.t();
            switch (line.e()) {
                case "spawn" -> {
                    require(spawned.add(line.g()), number, line, "one spawn per g");
                    require(line.json().get("parent").asLong() == 0, number, line, "parent 0");
                }
                case "exit" -> require(spawned.contains(line.g()) && exited.add(line.g()), number, line,
                        "one exit per g, after its spawn");
                case "site" -> require(line.site() == sites++, number, line, "the next site id, " + (sites - 1));
                case "lock" -> require(line.lock() == locks++, number, line, "the next lock id, " + (locks - 1));
                case "end" -> require(i == lines.size() - 1, number, line, "end is last");
                default -> {
                }
            }
            JsonNode json = line.json();
            require(!json.has("g") || spawned.contains(line.g()), number, line, "g spawned before");
            require(!json.has("g") || line.is("exit") || !exited.contains(line.g()), number, line, "nothing of g after its exit");
            require(!json.has("by") || spawned.containsAll(line.by()), number, line, "blockers spawned before");
            require(!json.has("lock") || line.is("lock") || line.lock() < locks, number, line, "lock declared before");
            require(!json.has("site") || line.is("site") || line.site() < sites, number, line, "site declared before");
            require(!json.has("mode") || line.mode().equals("r") || line.mode().equals("w"), number, line, "mode r or w");
        }
        return this;
    }

    /**
     * Checks the lock discipline the events describe: a blocked or an acquire follows a request of the same
     * thread and lock that no acquire answered yet; a release ends a hold of that thread, lock and mode; a write
     * hold never overlaps another thread's hold of the same lock. Returns the number of acquires.
     */
    int checkLockDiscipline() {
        Map<Long, Integer> waiting = new HashMap<>();
        Map<Integer, List<String>> holds = new HashMap<>(); // per lock: "g/mode" of each hold
        int acquires = 0;
        for (Line line : events()) {
            String where = line.toString();
            switch (line.e()) {
                case "request" -> waiting.put(line.g(), line.lock());
                case "blocked" -> assertThat(waiting.get(line.g())).as(where).isEqualTo(line.lock());
                case "acquire" -> {
                    assertThat(waiting.remove(line.g())).as(where + ": its request").isEqualTo(line.lock());
                    List<String> held = holds.computeIfAbsent(line.lock(), k -> new ArrayList<>());
                    List<String> others = held.stream().filter(h -> !h.startsWith(line.g() + "/")).toList();
                    if (line.mode().equals("w")) {
                        assertThat(others).as(where + ": a write hold overlaps").isEmpty();
                    } else {
                        assertThat(others).as(where + ": a read hold overlaps a write hold").allMatch(h -> h.endsWith("/r"));
                    }
                    held.add(line.g() + "/" + line.mode());
                    acquires++;
                }
                case "release" -> assertThat(holds.getOrDefault(line.lock(), new ArrayList<>()).remove(line.g() + "/" + line.mode()))
                        .as(where + ": releases a hold").isTrue();
                default -> {
                }
            }
        }
        return acquires;
    }

    /** Fails naming the line, as a reader would, when {@code ok} is false (cheap when it holds: run per line). */
    private static void require(boolean ok, int number, Line line, String rule) {
        if (!ok) {
            throw new AssertionError("line " + number + ": " + rule + ": " + line);
        }
    }

    private JsonNode declaration(String type, String field, int id) {
        return lines.stream().filter(l -> l.is(type) && l.json().get(field).asInt() == id).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " " + id)).json();
    }

    private static byte[] gunzipWhatIsThere(byte[] gz) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (EOFException | ZipException e) {
            // A recording cut off: no trailer, perhaps half a block. What was sync-flushed is all there.
        }
        return out.toByteArray();
    }
}
