package dev.lockscope.cli;

import static dev.lockscope.cli.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hardening cases as the user sees them on the command line: one line on stderr, exit 2, no stack trace, the
 * exact words (the rules themselves are tested where they live: TraceConsistencyTest, GzipCorruptionTest,
 * TraceReaderErrorsTest, ScenarioRangesTest).
 */
class HardeningCliTest {
    private static final Path ARTICLE = Path.of("..", "sample-traces", "article.jsonl.gz");
    private static final String HEADER = "{\"format\":\"lockscope-trace\",\"version\":2,\"tool\":\"t\","
            + "\"producer\":\"lockscope-go\"}";

    @TempDir
    Path dir;

    @Test
    void aBitFlipInTheSampleIsCorruptForEveryCommand() throws Exception {
        byte[] bytes = Files.readAllBytes(ARTICLE);
        bytes[bytes.length - 8] ^= 1; // the stored CRC-32
        Path file = dir.resolve("flipped.jsonl.gz");
        Files.write(file, bytes);
        String line = "lockscope: " + file + ": corrupt compressed data after line 3306: the data does not match its "
                + "checksum (CRC-32); the file is damaged, not cut off\n";

        assertThat(cli("stats", file.toString())).isEqualTo(new CliTest.Result(2, "", line));
        assertThat(cli("export", file.toString(), "--format", "csv", "--out", dir.resolve("a.csv").toString()))
                .isEqualTo(new CliTest.Result(2, "", line));
        assertThat(Files.exists(dir.resolve("a.csv"))).isFalse();
        assertThat(cli("export", file.toString(), "--format", "perfetto", "--out", dir.resolve("a.json").toString()))
                .isEqualTo(new CliTest.Result(2, "", line));
        assertThat(cli("replay", file.toString(), "--verify")).isEqualTo(new CliTest.Result(2, "", line));
    }

    @Test
    void inconsistentEventsAreRefusedWithTheirLine() throws Exception {
        assertRefused(":4: g: goroutine 7 was never spawned (a spawn line must come before its other events)",
                "{\"t\":0,\"e\":\"lock\",\"lock\":0,\"name\":\"mu\",\"kind\":\"mutex\"}",
                "{\"t\":0,\"e\":\"site\",\"site\":0,\"op\":\"A\",\"label\":\"a.go:1\"}",
                "{\"t\":0,\"e\":\"acquire\",\"g\":7,\"lock\":0,\"mode\":\"w\",\"site\":0}");
        assertRefused(":4: lock: lock 3 was never declared (a lock line must come before its first use)",
                "{\"t\":0,\"e\":\"spawn\",\"g\":1,\"name\":\"a\",\"kind\":\"a\",\"parent\":0}",
                "{\"t\":0,\"e\":\"site\",\"site\":0,\"op\":\"A\",\"label\":\"a.go:1\"}",
                "{\"t\":0,\"e\":\"acquire\",\"g\":1,\"lock\":3,\"mode\":\"w\",\"site\":0}");
        assertRefused(":5: lock: goroutine 1 does not hold lock 0",
                "{\"t\":0,\"e\":\"spawn\",\"g\":1,\"name\":\"a\",\"kind\":\"a\",\"parent\":0}",
                "{\"t\":0,\"e\":\"lock\",\"lock\":0,\"name\":\"mu\",\"kind\":\"mutex\"}",
                "{\"t\":0,\"e\":\"site\",\"site\":0,\"op\":\"A\",\"label\":\"a.go:1\"}",
                "{\"t\":0,\"e\":\"release\",\"g\":1,\"lock\":0,\"mode\":\"w\",\"site\":0}");
        assertRefused(":3: g: goroutine 1 was already spawned (goroutine ids are never reused)",
                "{\"t\":0,\"e\":\"spawn\",\"g\":1,\"name\":\"a\",\"kind\":\"a\",\"parent\":0}",
                "{\"t\":0,\"e\":\"spawn\",\"g\":1,\"name\":\"b\",\"kind\":\"b\",\"parent\":0}");
    }

    @Test
    void aGzipOfNewlinesStopsAtTheBlankLineLimit() throws Exception {
        Path file = dir.resolve("newlines.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
            out.write(new byte[0]);
            byte[] newlines = new byte[1 << 20];
            java.util.Arrays.fill(newlines, (byte) '\n');
            for (int i = 0; i < 16; i++) {
                out.write(newlines);
            }
        }

        assertThat(cli("stats", file.toString())).isEqualTo(new CliTest.Result(2, "", "lockscope: " + file
                + ":1002: more than 1000 blank lines (the limit; a trace has none)\n"));
    }

    @Test
    void aNanosecondBroadcastPeriodIsRefusedBeforeAnythingRuns() throws Exception {
        Path file = dir.resolve("fast.json");
        Files.writeString(file, "{\"name\": \"fast\", \"durationMs\": 1000,\n \"broadcast\": {\"periodMs\": 0.000001},"
                + "\n \"members\": [{\"name\": \"ann\", \"latencyMs\": 1}]}\n");

        assertThat(cli("run", file.toString())).isEqualTo(new CliTest.Result(2, "", "lockscope: " + file
                + ":2: broadcast.periodMs: expected a number from 1 to 604800000 (milliseconds), got 0.000001\n"));
    }

    @Test
    void aDurationOverrideHasTheSameRange() {
        assertThat(cli("run", "hand-example", "--duration", "700000000")).isEqualTo(new CliTest.Result(2, "",
                "lockscope: command line: --duration: expected a number > 0 and at most 604800000 (milliseconds), "
                        + "got 700000000\n"));
    }

    private void assertRefused(String where, String... lines) throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, HEADER + "\n" + String.join("\n", lines) + "\n");
        assertThat(cli("stats", file.toString())).isEqualTo(new CliTest.Result(2, "", "lockscope: " + file + where
                + "\n"));
        assertThat(cli("check", file.toString()).code()).isEqualTo(2);
    }
}
