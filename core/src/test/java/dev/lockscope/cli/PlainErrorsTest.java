package dev.lockscope.cli;

import static dev.lockscope.cli.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.io.InputException;
import dev.lockscope.lesson.LessonJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of malformed JSON run through every reader the command line has: scenario files, a trace's header
 * line and its event lines (through stats, check, export and replay), sweep files and the scenario a sweep names,
 * and lesson files. Every error is exit 2 and one line that carries none of a library's internals. Numbers at
 * the edge of every numeric field and option likewise never become an internal error.
 */
class PlainErrorsTest {
    /** What no line a user reads may contain: Jackson's location dump, class names, stack frames. */
    private static final List<String> INTERNALS = List.of("Source:", "REDACTED", "#UNKNOWN", "Exception",
            "tools.jackson", "java.", "\tat ", "internal error", "StreamRead", "JsonReadFeature", "`");

    @TempDir
    Path dir;
    String header;
    String endLine;

    @BeforeEach
    void aValidTrace() throws IOException {
        Path trace = dir.resolve("valid.jsonl");
        assertThat(cli("run", "hand-example", "--duration", "10", "--out", trace.toString()).code()).isZero();
        List<String> lines = Files.readAllLines(trace);
        header = lines.getFirst();
        endLine = lines.getLast();
    }

    /** About forty malformed inputs, each a kind of mistake; bytes, since some are not UTF-8. */
    static Map<String, byte[]> corpus() {
        Map<String, byte[]> c = new LinkedHashMap<>();
        String[][] texts = {
                {"ends inside an object", "{\"name\": \"x\","},
                {"ends inside an array", "{\"name\": \"x\", \"members\": [1, 2"},
                {"ends inside a string", "{\"name\": \"abc"},
                {"ends inside a name", "{\"nam"},
                {"ends inside an escape", "{\"name\": \"x\\u12"},
                {"ends after a colon", "{\"name\":"},
                {"unexpected character", "{\"name\": @}"},
                {"missing comma", "{\"name\": \"x\" \"durationMs\": 1}"},
                {"missing colon", "{\"name\" \"x\"}"},
                {"unquoted name", "{name: \"x\"}"},
                {"single-quoted name", "{'name': \"x\"}"},
                {"single-quoted value", "{\"name\": 'x'}"},
                {"trailing comma in object", "{\"name\": \"x\",}"},
                {"trailing comma in array", "{\"seeds\": [1,]}"},
                {"decimal point without digit", "{\"durationMs\": 1.}"},
                {"minus without digit", "{\"durationMs\": -}"},
                {"exponent without digit", "{\"durationMs\": 1e}"},
                {"leading plus", "{\"durationMs\": +1}"},
                {"leading zeros", "{\"durationMs\": 007}"},
                {"two decimal points", "{\"durationMs\": 1.2.3}"},
                {"hexadecimal", "{\"durationMs\": 0x10}"},
                {"NaN", "{\"durationMs\": NaN}"},
                {"Infinity", "{\"durationMs\": -Infinity}"},
                {"exponent beyond an int", "{\"name\": \"x\", \"durationMs\": 1e99999999999}"},
                {"exponent of a billion", "{\"name\": \"x\", \"durationMs\": 1e999999999}"},
                {"number too long", "{\"durationMs\": 1" + "0".repeat(1500) + "}"},
                {"tab in a string", "{\"name\": \"a\tb\"}"},
                {"line break in a string", "{\"name\": \"a\nb\"}"},
                {"control character in a string", "{\"name\": \"a\u0001b\"}"},
                {"unknown escape", "{\"name\": \"a\\qb\"}"},
                {"bad unicode escape", "{\"name\": \"a\\u12G4\"}"},
                {"broken surrogate pair in a name", "{\"\\ud800x\": 1}"},
                {"text after the value", "{\"name\": \"x\"} trailing"},
                {"second value", "{\"name\": \"x\"} {}"},
                {"block comment", "{\"name\": \"x\" /* room */}"},
                {"line comment", "// room\n{}"},
                {"hash comment", "# room\n{}"},
                {"wrong closing bracket", "{\"members\": [1}"},
                {"closing bracket alone", "}"},
                {"unknown word", "{\"name\": yes}"},
                {"byte order mark", "\uFEFF{\"name\": \"x\"}"},
                {"NUL byte", "{\"name\": \"x\",\u0000 \"durationMs\": 1}"},
                {"record separator", "{\"name\": \"x\",\u001e \"durationMs\": 1}"},
                {"empty", ""},
                {"only spaces", "   "},
                {"nested 600 deep", "{\"members\": " + "[".repeat(600) + "]".repeat(600) + "}"},
                {"field name of 60000 characters", "{\"" + "n".repeat(60_000) + "\": 1}"},
                {"an array", "[1, 2]"},
                {"a string", "\"room\""},
                {"null", "null"},
        };
        for (String[] t : texts) {
            c.put(t[0], t[1].getBytes(StandardCharsets.UTF_8));
        }
        c.put("Latin-1 byte", new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xE9, '"', '}'});
        c.put("byte 0xFF", new byte[] {'{', '"', 'n', '"', ':', (byte) 0xFF, '}'});
        c.put("UTF-16", "{\"name\": \"x\"}".getBytes(StandardCharsets.UTF_16LE));
        c.put("UTF-32 guess", new byte[] {0x00, 0x7B, 0x00, 0x00});
        return c;
    }

    private static void assertPlain(String what, CliTest.Result r) {
        assertThat(r.code()).as(what + ": " + r.err()).isEqualTo(2);
        assertThat(r.err().lines()).as(what).hasSize(1);
        assertThat(r.err()).as(what).startsWith("lockscope: ");
        for (String internal : INTERNALS) {
            assertThat(r.err()).as(what).doesNotContain(internal);
        }
    }

    private Path file(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    @Test
    void scenarioFiles() throws IOException {
        for (var e : corpus().entrySet()) {
            assertPlain("scenario: " + e.getKey(), cli("run", file("s.json", e.getValue()).toString()));
        }
    }

    @Test
    void traceHeaders() throws IOException {
        for (var e : corpus().entrySet()) {
            byte[] line = oneLine(e.getValue());
            Path trace = file("t.jsonl", concat(line, ("\n" + endLine + "\n").getBytes(StandardCharsets.UTF_8)));
            for (String[] command : traceCommands(trace)) {
                assertPlain("header via " + command[0] + ": " + e.getKey(), cli(command));
            }
        }
    }

    @Test
    void traceEventLines() throws IOException {
        for (var e : corpus().entrySet()) {
            byte[] line = oneLine(e.getValue());
            byte[] before = (header + "\n").getBytes(StandardCharsets.UTF_8);
            Path trace = file("t.jsonl", concat(concat(before, line), ("\n" + endLine + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
            for (String[] command : traceCommands(trace)) {
                CliTest.Result r = cli(command);
                if (line.length == 0 && r.code() != 2) {
                    // An empty line is skipped; derive then finds no lock operation, which is plain bad input.
                    assertThat(r.code()).as("empty lines are skipped").isZero();
                    continue;
                }
                assertPlain("event line via " + command[0] + ": " + e.getKey(), r);
            }
        }
    }

    @Test
    void sweepFilesAndTheScenariosTheyName() throws IOException {
        String out = dir.resolve("out.csv").toString();
        for (var e : corpus().entrySet()) {
            assertPlain("sweep: " + e.getKey(), cli("sweep", file("w.json", e.getValue()).toString(), "--out", out));
            file("named.json", e.getValue());
            Path sweep = file("w.json", "{\"name\": \"w\", \"scenario\": \"named.json\"}"
                    .getBytes(StandardCharsets.UTF_8));
            assertPlain("sweep's scenario: " + e.getKey(), cli("sweep", sweep.toString(), "--out", out));
        }
    }

    @Test
    void lessonFiles() throws IOException {
        // The lab reads lessons; no command does, so the reader's message is checked as the CLI would print it.
        for (var e : corpus().entrySet()) {
            Path lesson = file("l.json", e.getValue());
            String line;
            try {
                LessonJson.read(lesson);
                line = "read";
            } catch (InputException x) {
                line = "lockscope: " + x.getMessage();
            }
            assertPlain("lesson: " + e.getKey(), new CliTest.Result(2, "", line + "\n"));
        }
    }

    @Test
    void numbersAtTheEdgeOfEveryFieldAreBadInputNotACrash() throws IOException {
        String[] edges = {"1e99999999999", "-1e99999999999", "1e999999999", "1e-999999999", "1e30", "-1e30",
                "99999999999999999999999", "9223372036854775808", "1e-30", "0.0000001", "-1"};
        String[] scenarioFields = {"\"seed\": %s", "\"durationMs\": %s", "\"queueLimit\": %s",
                "\"broadcast\": {\"periodMs\": %s}", "\"broadcast\": {\"startMs\": %s}",
                "\"reload\": {\"afterNoUpdateMs\": %s}", "\"members\": [{\"name\": \"a\", \"latencyMs\": %s}]",
                "\"members\": [{\"name\": \"a\", \"latencyMs\": 1, \"jitterMs\": %s}]",
                "\"detector\": {\"waitThresholdMs\": %s}", "\"events\": [{\"atMs\": %s, \"reload\": \"a\"}]"};
        String[] sweepFields = {"\"durationMs\": %s", "\"seeds\": %s", "\"seeds\": [%s]",
                "\"grid\": {\"broadcastPeriodMs\": [%s]}", "\"grid\": {\"members\": [%s]}",
                "\"grid\": {\"latencyMs:eve\": [%s]}", "\"grid\": {\"durationMs\": [%s]}"};
        List<String> failures = new ArrayList<>();
        for (String edge : edges) {
            for (String field : scenarioFields) {
                String text = "{\"name\": \"n\", \"durationMs\": 10, " + field.formatted(edge) + "}";
                if (field.startsWith("\"durationMs\"")) {
                    text = "{\"name\": \"n\", " + field.formatted(edge) + "}";
                }
                check(failures, text, cli("run", file("n.json", text.getBytes(StandardCharsets.UTF_8)).toString()));
            }
            String script = "{\"name\": \"n\", \"kind\": \"script\", \"durationMs\": 10, \"goroutines\": [{\"name\": "
                    + "\"g\", \"startMs\": 0, \"steps\": [\"sleep " + edge + "\"]}]}";
            check(failures, script, cli("run", file("n.json", script.getBytes(StandardCharsets.UTF_8)).toString()));
            for (String field : sweepFields) {
                String text = "{\"name\": \"w\", \"scenario\": \"article\", \"durationMs\": 10, " + field.formatted(edge)
                        + "}";
                if (field.startsWith("\"durationMs\"")) {
                    text = "{\"name\": \"w\", \"scenario\": \"article\", " + field.formatted(edge) + "}";
                }
                check(failures, text, cli("sweep", file("w.json", text.getBytes(StandardCharsets.UTF_8)).toString(),
                        "--out", dir.resolve("w.csv").toString()));
            }
            for (String[] option : new String[][] {{"run", "hand-example", "--duration"}, {"run", "hand-example", "--seed"},
                    {"sweep", "w.json", "--threads"}}) {
                String[] args = {option[0], option[1], option[2], edge, "--out", dir.resolve("o").toString()};
                check(failures, String.join(" ", args), cli(args));
            }
        }
        assertThat(failures).isEmpty();
    }

    /** Records a case that crashed (exit 1) or that printed internals; exit 0 (a value in range) is fine. */
    private static void check(List<String> failures, String input, CliTest.Result r) {
        boolean internals = INTERNALS.stream().anyMatch(r.err()::contains);
        if (r.code() == 1 || internals || (r.code() == 2 && r.err().lines().count() != 1)) {
            failures.add(input.substring(0, Math.min(160, input.length())) + " -> " + r.code() + " " + r.err());
        }
    }

    private static String[][] traceCommands(Path trace) {
        String t = trace.toString();
        String out = trace.resolveSibling("export.out").toString();
        return new String[][] {{"stats", t}, {"check", t}, {"export", t, "--format", "csv", "--out", out},
                {"export", t, "--format", "perfetto", "--out", out}, {"replay", t}, {"derive", t, "--out", out}};
    }

    /** The input as one line of a JSON Lines file: its line breaks become spaces. */
    private static byte[] oneLine(byte[] bytes) {
        byte[] copy = bytes.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == '\n') {
                copy[i] = ' ';
            }
        }
        return copy;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
