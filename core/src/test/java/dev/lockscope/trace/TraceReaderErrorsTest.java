package dev.lockscope.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.io.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceReaderErrorsTest {
    @TempDir
    Path dir;
    Path file;
    String header;

    @BeforeEach
    void header() throws IOException {
        Path valid = dir.resolve("valid.jsonl");
        TraceSamples.writeAtomic(valid, List.of());
        header = Files.readAllLines(valid).getFirst();
        file = dir.resolve("trace.jsonl");
    }

    /** Writes the header then {@code lines}, each with its newline. */
    private void write(String... lines) throws IOException {
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (String line : lines) {
            sb.append(line).append('\n');
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    private void assertError(String message) {
        assertThatThrownBy(() -> TraceReader.read(file, e -> {})).isInstanceOf(InputException.class)
                .hasMessage(file + message);
    }

    @Test
    void refusesANewerFormatVersion() throws IOException {
        header = header.replace("\"version\":3", "\"version\":4");
        write("{\"t\":0,\"e\":\"end\"}");

        assertError(": format version 4 is newer than this Lockscope reads (3)");
        assertThatThrownBy(() -> TraceReader.readHeader(file)).isInstanceOf(InputException.class)
                .hasMessage(file + ": format version 4 is newer than this Lockscope reads (3)");
    }

    @Test
    void refusesAFileThatIsNotATrace() throws IOException {
        Files.writeString(file, "{\"name\": \"x\", \"durationMs\": 1}\n");
        assertError(":1: format: not a Lockscope trace: expected \"lockscope-trace\", got no format field");

        Files.writeString(file, "");
        assertError(":1: empty file: expected a lockscope-trace header line");

        Files.writeString(file, "hello\n");
        assertThatThrownBy(() -> TraceReader.read(file, e -> {})).isInstanceOf(InputException.class)
                .hasMessage(file + ":1:1: unexpected text \"hello\": expected a value (a string, number, object, array, "
                        + "true, false or null)");
    }

    @Test
    void aHeaderWhoseFirstBytesLookLikeUtf32IsMalformedInputNotACrash() throws IOException {
        // 00 7B 00 00: Jackson's encoding guess reads this as UTF-32 in an unsupported byte order, and refuses it
        // while the parser is being created (found by TraceReaderFuzzTest on a mutated gzip trace).
        Files.write(file, new byte[] {0x00, 0x7B, 0x00, 0x00, '\n'});
        assertThatThrownBy(() -> TraceReader.read(file, e -> {})).isInstanceOf(InputException.class)
                .hasMessage(file + ":1: not valid UTF-8: the text looks like another encoding (Lockscope reads UTF-8 "
                        + "text)");
    }

    @Test
    void reportsTheScenarioPathInsideTheHeader() throws IOException {
        header = header.replace("\"strategy\":\"sequential\"", "\"strategy\":\"fast\"");
        write("{\"t\":0,\"e\":\"end\"}");

        assertError(":1: scenario.strategy: expected one of sequential, goroutine-per-send, parallel-wait, "
                + "snapshot, member-queue, got \"fast\"");
    }

    @Test
    void namesLineFieldAndExpectation() throws Exception {
        write("{\"t\":0,\"e\":\"spawn\",\"g\":1,\"name\":\"main\",\"kind\":\"Main\",\"parent\":0}",
                "{\"t\":0,\"e\":\"request\",\"g\":1,\"lock\":0,\"mode\":\"x\",\"site\":0}");
        assertError(":3: mode: expected one of r, w, got \"x\"");

        write("{\"t\":0,\"e\":\"exit\"}");
        assertError(":2: g: missing required field \"g\" of \"exit\" events");

        write("{\"t\":0,\"e\":\"exit\",\"g\":1,\"lock\":0}");
        assertError(":2: lock: unknown field \"lock\" for \"exit\" events");

        write("{\"t\":0,\"e\":\"exit\",\"g\":0}");
        assertError(":2: g: expected an integer >= 1 that fits an int, got 0");

        write("{\"t\":-1,\"e\":\"end\"}");
        assertError(":2: t: expected an integer >= 0, got -1");

        write("{\"t\":1.5,\"e\":\"end\"}");
        assertError(":2: t: expected an integer >= 0, got 1.5");

        write("{\"t\":0,\"e\":\"teleport\"}");
        assertError(":2: e: expected one of spawn, exit, lock, site, request, acquire, release, blocked, park, sleep,"
                + " send, deliver, drop, member, command, alert, end, prim, wait, wake, act, panic, asleep, got "
                + "\"teleport\"");

        write("{\"t\":0,\"e\":\"end\",\"colour\":1}");
        assertError(":2: colour: unknown field \"colour\"");

        write("{\"t\":0,\"e\":\"alert\",\"kind\":\"long-wait\",\"summary\":\"s\",\"report\":\"r\",\"g\":3,\"locks\":[]}");
        assertError(":2: g: expected an array of goroutine ids, got an integer");

        write("{\"t\":0,\"e\":\"command\",\"step\":1,\"live\":false,\"command\":{\"set\":{\"strategy\":\"fast\"}}}");
        assertError(":2: command.set.strategy: expected one of sequential, goroutine-per-send, parallel-wait, "
                + "snapshot, member-queue, got \"fast\"");

        write("{\"t\":0,\"e\":\"member\",\"member\":\"a\",\"change\":\"join\"}", "{\"t\":0,\"e\":");
        Files.writeString(file, Files.readString(file).stripTrailing()); // the last line loses its newline
        assertThat(TraceReader.read(file, e -> {}).truncated()).isTrue(); // so it is a cut, not an error

        write("{\"t\":0,\"e\":", "{\"t\":0,\"e\":\"end\"}");
        assertThatThrownBy(() -> TraceReader.read(file, e -> {})).isInstanceOf(InputException.class)
                .hasMessage(file + ":2: the line ends inside the object that starts at column 1 (missing \"}\")");
    }

    @Test
    void refusesTimeGoingBackwards() throws IOException {
        write("{\"t\":10,\"e\":\"drop\",\"member\":\"a\",\"msg\":1}", "{\"t\":5,\"e\":\"drop\",\"member\":\"a\",\"msg\":2}");

        assertError(":3: t: time goes backwards: 5 after 10");
    }

    @Test
    void sitesMustBeDeclaredInOrderBeforeUse() throws IOException {
        write("{\"t\":0,\"e\":\"park\",\"g\":1,\"site\":0}");
        assertError(":2: site: site 0 is used before a site line declares it");

        write("{\"t\":0,\"e\":\"site\",\"site\":1,\"op\":\"Add\",\"label\":\"x\"}");
        assertError(":2: site: expected the next site id 0 (sites are numbered in order), got 1");
    }

    @Test
    void refusesEventsAfterTheEnd() throws IOException {
        write("{\"t\":0,\"e\":\"end\"}", "{\"t\":0,\"e\":\"exit\",\"g\":1}");

        assertError(":3: e: event after the end event");
    }

    @Test
    void enforcesTheLimits() throws IOException {
        write("{\"t\":0,\"e\":\"drop\",\"member\":\"" + "m".repeat(10_001) + "\",\"msg\":1}");
        assertError(":2: member: string of 10001 characters is longer than 10000 (the limit)");

        write("{\"t\":0,\"e\":\"drop\",\"member\":\"" + "m".repeat(1 << 20) + "\",\"msg\":1}");
        assertError(":2: line is longer than 1 MiB (the limit is 1048576 bytes)");

        String deep = "[".repeat(15) + "]".repeat(15);
        write("{\"t\":0,\"e\":\"command\",\"step\":1,\"live\":false,\"command\":{\"set\":{\"lock\":" + deep + "}}}");
        assertError(":2: command.set.lock[0][0][0][0][0][0][0][0][0][0][0][0][0]: nested deeper than 16 levels (the limit)");
    }

    @Test
    void enforcesTheEventCountLimit() throws IOException {
        String drop = "{\"t\":0,\"e\":\"drop\",\"member\":\"a\",\"msg\":1}";
        write(drop, drop, drop);
        TraceLimits two = new TraceLimits(1 << 20, 16 << 20, 10_000, 16, 2, 1_000);

        assertThatThrownBy(() -> TraceReader.read(file, e -> {}, two)).isInstanceOf(InputException.class)
                .hasMessage(file + ":4: more than 2 events (the limit)");
    }

    @Test
    void refusesGarbageThatLooksLikeGzip() throws IOException {
        Files.write(file, new byte[] {0x1f, (byte) 0x8b, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});

        assertError(": corrupt compressed data in the header line: unknown compression method 1 (gzip uses 8, "
                + "deflate); the file is damaged, not cut off");
    }

    @Test
    void reportsAMissingFile() {
        assertError(": no such file");
    }

    @Test
    void aFewBlankLinesAreSkipped() throws Exception {
        write("", "{\"t\":0,\"e\":\"drop\",\"member\":\"a\",\"msg\":1}", "", "", "{\"t\":0,\"e\":\"end\"}", "");

        ReadResult result = TraceReader.read(file, e -> {});

        assertThat(result.events()).isEqualTo(2);
        assertThat(result.truncated()).isFalse();
    }

    @Test
    void refusesMoreThanAThousandBlankLines() throws IOException {
        String[] lines = new String[1002];
        java.util.Arrays.fill(lines, "");
        lines[1001] = "{\"t\":0,\"e\":\"end\"}";
        write(lines);

        assertError(":1002: more than 1000 blank lines (the limit; a trace has none)");
    }

    @Test
    void aGzipOfNothingButNewlinesStopsAtTheBlankLineLimit() throws IOException {
        // A few kilobytes that decompress to 64 MiB of newlines: refused at line 1002, without reading them all.
        Path gz = dir.resolve("newlines.jsonl.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write((header + "\n").getBytes(StandardCharsets.UTF_8));
            byte[] newlines = new byte[1 << 20];
            java.util.Arrays.fill(newlines, (byte) '\n');
            for (int i = 0; i < 64; i++) {
                out.write(newlines);
            }
        }

        assertThatThrownBy(() -> TraceReader.read(gz, e -> {})).isInstanceOf(InputException.class)
                .hasMessage(gz + ":1002: more than 1000 blank lines (the limit; a trace has none)");
    }
}
