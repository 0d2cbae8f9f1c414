package dev.lockscope.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.BuiltinScenarios;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.trace.store.TraceStore;
import dev.lockscope.trace.store.TraceView;
import dev.lockscope.trace.store.Track;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TraceReader#load} (field by field, parsing on a helper thread) must leave a store exactly as
 * {@code read(file, store)} does, and end the same way: result, warning or error.
 */
class TraceLoadTest {
    @TempDir
    Path dir;

    /** What a read into a store ended with, and the store's rows rebuilt. */
    record Outcome(List<TraceEvent> rows, String ending, long unmatched) {}

    static Outcome read(Path file) {
        TraceStore store = new TraceStore();
        String ending;
        try {
            ending = TraceReader.read(file, store).toString();
        } catch (InputException e) {
            ending = "error: " + e.getMessage();
        }
        return outcome(store, ending);
    }

    /** {@link #read}, but through a sink that only forwards to {@link TraceStore#accept}: an event per line. */
    static Outcome readThroughAnySink(Path file) {
        TraceStore store = new TraceStore();
        String ending;
        try {
            ending = TraceReader.read(file, new EventSink() {
                @Override
                public void accept(TraceEvent event) {
                    store.accept(event);
                }

                @Override
                public void finish() {
                    store.finish();
                }
            }).toString();
        } catch (InputException e) {
            ending = "error: " + e.getMessage();
        }
        return outcome(store, ending);
    }

    static Outcome load(Path file) {
        TraceStore store = new TraceStore();
        String ending;
        try {
            ending = TraceReader.load(file, store).toString();
        } catch (InputException e) {
            ending = "error: " + e.getMessage();
        }
        return outcome(store, ending);
    }

    private static Outcome outcome(TraceStore store, String ending) {
        TraceView view = store.view();
        List<TraceEvent> rows = new ArrayList<>();
        for (int row = 0; row < view.size(); row++) {
            rows.add(view.event(row));
        }
        return new Outcome(rows, ending, view.unmatched());
    }

    @Test
    void aLongSimulatedRunLoadsAsItReads() throws Exception {
        // The article's stall: waits, blocker sets, alerts, member changes; thousands of events, so many batches.
        Scenario article = BuiltinScenarios.byName("article").orElseThrow().withDurationNs(300_000_000_000L);
        Path file = dir.resolve("article.jsonl");
        try (TraceWriter w = TraceWriter.atomic(file, article)) {
            Simulation.run(article, w);
        }

        Outcome read = read(file);
        Outcome loaded = load(file);

        assertThat(loaded.rows().size()).isGreaterThan(3 * EventBatch.CAPACITY);
        assertThat(loaded.rows().stream().map(e -> e.getClass().getSimpleName()).collect(Collectors.toSet()))
                .contains("Blocked", "Alert", "MemberEvent", "Request", "SendStart");
        assertThat(loaded).isEqualTo(read);
    }

    /** A store read directly takes its rows field by field: the same rows as its {@code accept} of each event. */
    @Test
    void aStoreReadsAsItDoesThroughAnySink() throws Exception {
        Scenario article = BuiltinScenarios.byName("article").orElseThrow().withDurationNs(60_000_000_000L);
        Path file = dir.resolve("article.jsonl");
        try (TraceWriter w = TraceWriter.atomic(file, article)) {
            Simulation.run(article, w);
        }
        assertThat(read(file).rows()).isNotEmpty();
        assertThat(read(file)).isEqualTo(readThroughAnySink(file));

        Path full = dir.resolve("full.jsonl");
        TraceSamples.writeAtomic(full, TraceSamples.events());
        List<String> lines = Files.readAllLines(full);
        Path bad = dir.resolve("bad.jsonl");
        for (int i = 1; i < lines.size(); i++) {
            List<String> copy = new ArrayList<>(lines);
            copy.set(i, damageLine(copy.get(i), "\"g\":0"));
            Files.writeString(bad, String.join("\n", copy) + "\n", StandardCharsets.UTF_8);
            assertThat(read(bad)).as("line %d", i + 1).isEqualTo(readThroughAnySink(bad));
        }
        Path cut = dir.resolve("cut.jsonl");
        byte[] bytes = Files.readAllBytes(full);
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        assertThat(read(cut)).isEqualTo(readThroughAnySink(cut));
    }

    @Test
    void intervalsAreTheSameAsAfterReading() throws Exception {
        Scenario big = BuiltinScenarios.byName("big-room").orElseThrow().withDurationNs(50_000_000L);
        Path file = dir.resolve("big.jsonl.gz");
        try (TraceWriter w = TraceWriter.atomic(file, big)) {
            Simulation.run(big, w);
        }
        TraceStore read = new TraceStore();
        TraceReader.read(file, read);
        TraceStore loaded = new TraceStore();
        TraceReader.load(file, loaded);

        TraceView a = read.view();
        TraceView b = loaded.view();
        assertThat(b.size()).isEqualTo(a.size());
        for (Track track : List.of(Track.lockHolders(0), Track.member(a.memberId("m001")), Track.goroutine(1),
                Track.goroutine(7))) {
            int[] ids = a.overlapping(track, 0, a.now() + 1);
            assertThat(b.overlapping(track, 0, b.now() + 1)).as("%s", track).isEqualTo(ids);
            for (int id : ids) {
                assertThat(b.end(id)).isEqualTo(a.end(id));
            }
        }
    }

    @Test
    void aCutFileLoadsItsCompleteLinesWithTheSameWarning() throws Exception {
        Path full = dir.resolve("full.jsonl");
        TraceSamples.writeAtomic(full, TraceSamples.events());
        byte[] bytes = Files.readAllBytes(full);
        Path cut = dir.resolve("cut.jsonl");
        for (int length = 0; length <= bytes.length; length++) {
            Files.write(cut, Arrays.copyOf(bytes, length));
            assertThat(load(cut)).as("cut at %d", length).isEqualTo(read(cut));
        }
    }

    @Test
    void aBadLineFailsWithTheSameErrorAfterTheSameEvents() throws Exception {
        Path full = dir.resolve("full.jsonl");
        TraceSamples.writeAtomic(full, TraceSamples.events());
        List<String> lines = Files.readAllLines(full);
        Path bad = dir.resolve("bad.jsonl");
        for (int i = 1; i < lines.size(); i++) {
            for (String damage : List.of("\"mode\":\"x\"", "\"g\":0", "\"t\":0", "}}", "\"site\":99")) {
                List<String> copy = new ArrayList<>(lines);
                copy.set(i, damageLine(copy.get(i), damage));
                Files.writeString(bad, String.join("\n", copy) + "\n", StandardCharsets.UTF_8);
                assertThat(load(bad)).as("line %d, %s", i + 1, damage).isEqualTo(read(bad));
            }
        }
    }

    /** Replaces the field that {@code damage} names (or appends it, for a bracket). */
    private static String damageLine(String line, String damage) {
        if (!damage.startsWith("\"")) {
            return line + damage;
        }
        String key = damage.substring(0, damage.indexOf(':') + 1);
        int at = line.indexOf(key);
        if (at < 0) {
            return line;
        }
        int end = at + key.length();
        while (end < line.length() && line.charAt(end) != ',' && line.charAt(end) != '}') {
            end++;
        }
        return line.substring(0, at) + damage + line.substring(end);
    }

    @Test
    void aMissingFileIsTheSameError() {
        Path none = dir.resolve("none.jsonl");
        assertThat(load(none)).isEqualTo(read(none));
    }

    @Test
    void linesInAnyKeyOrderGiveTheSameEventsAsTheWritersOrder() throws Exception {
        Path full = dir.resolve("full.jsonl");
        TraceSamples.writeAtomic(full, TraceSamples.events());
        List<String> lines = Files.readAllLines(full);
        List<String> reordered = new ArrayList<>(List.of(lines.getFirst()));
        for (String line : lines.subList(1, lines.size())) {
            reordered.add(reverseKeys(line));
        }
        Path file = dir.resolve("reordered.jsonl");
        Files.writeString(file, String.join("\n", reordered) + "\n", StandardCharsets.UTF_8);

        TraceSamples.Collector sink = new TraceSamples.Collector();
        TraceReader.read(file, sink);

        assertThat(sink.events).isEqualTo(TraceSamples.events());
        assertThat(load(file)).isEqualTo(read(full));
    }

    /** The top-level fields of a one-line object, in reverse order (values without top-level commas inside). */
    private static String reverseKeys(String line) {
        List<String> fields = new ArrayList<>();
        int depth = 0;
        boolean inString = false;
        int start = 1;
        for (int i = 1; i < line.length() - 1; i++) {
            char c = line.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                fields.add(line.substring(start, i));
                start = i + 1;
            }
        }
        fields.add(line.substring(start, line.length() - 1));
        return "{" + String.join(",", fields.reversed()) + "}";
    }
}
