package dev.lockscope.cli;

import static dev.lockscope.cli.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.model.Command;
import dev.lockscope.model.Strategy;
import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.BuiltinScenarios;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.trace.TraceWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay --verify} compares the whole file, byte for byte after decompression, with the re-run as it runs:
 * exit 0 and "identical", or exit 3 and where they first differ (a header field, a line with both sides, bytes
 * after the last line, the gzip container); a file that is not a valid complete trace is exit 2.
 */
class ReplayVerifyTest {
    private static final String IDENTICAL = "replayed 3298 events of article with 0 live commands\n"
            + "identical: the re-run of the header's scenario reproduces the file byte for byte (3306 lines)\n";

    @TempDir
    Path dir;
    Path plain;
    Path gz;
    List<String> lines;

    @BeforeEach
    void writeTheArticle() throws IOException {
        plain = dir.resolve("article.jsonl");
        gz = dir.resolve("article.jsonl.gz");
        assertThat(cli("run", "article", "--out", plain.toString()).code()).isZero();
        assertThat(cli("run", "article", "--out", gz.toString()).code()).isZero();
        lines = Files.readAllLines(plain, StandardCharsets.UTF_8);
    }

    @Test
    void anUntouchedTraceIsIdentical() {
        assertThat(cli("replay", plain.toString(), "--verify")).isEqualTo(new CliTest.Result(0, IDENTICAL, ""));
        assertThat(cli("replay", gz.toString(), "--verify")).isEqualTo(new CliTest.Result(0, IDENTICAL, ""));
    }

    @Test
    void anEditedEventShowsItsLineAndBothSides() throws IOException {
        int index = firstDeliverAfter(1200);
        String line = lines.get(index);
        String edited = line.replaceFirst("\"lat\":(\\d+)", "\"lat\":$1" + "7"); // still a valid trace
        writeLines(plain, index, edited);

        CliTest.Result r = cli("replay", plain.toString(), "--verify");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).endsWith("DIFFERENT at line " + (index + 1) + ":\n  file:   " + edited + "\n  re-run: "
                + line + "\n");
    }

    @Test
    void aHeaderFieldTheWriterWritesOtherwiseIsNamed() throws IOException {
        writeLines(plain, 0, lines.getFirst().replace("\"tool\":\"lockscope 0.1.0\"", "\"tool\":\"lockscope 0.0.9\""));

        CliTest.Result r = cli("replay", plain.toString(), "--verify");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).endsWith("DIFFERENT in the header (line 1), field tool: file \"lockscope 0.0.9\", "
                + "re-run \"lockscope 0.1.0\"\n");
    }

    @Test
    void aHeaderWrittenDifferentlyWithTheSameFieldsIsNamedToo() throws IOException {
        String spaced = lines.getFirst().replace("\"version\":3", "\"version\": 3");
        writeLines(plain, 0, spaced);

        CliTest.Result r = cli("replay", plain.toString(), "--verify");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).contains("DIFFERENT in the header (line 1): the same fields, written differently\n"
                + "  file:   " + spaced.substring(0, 40));
    }

    @Test
    void aDurationEditedPastTheEndIsShownAsACutRun() throws IOException {
        // The header is the re-run's input: with durationMs 90000 the file reads as a run saved at 60 s, which it
        // is, event for event. Verify says so instead of hiding it.
        writeLines(plain, 0, lines.getFirst().replace("\"durationMs\":60000", "\"durationMs\":90000"));

        CliTest.Result r = cli("replay", plain.toString(), "--verify");

        assertThat(r).isEqualTo(new CliTest.Result(0, "replayed 3298 events of article with 0 live commands\n"
                + "the file ends at 60000 ms, before the scenario's 90000 ms (a run saved before its end): re-run up "
                + "to there\nidentical: the re-run of the header's scenario reproduces the file byte for byte (3306 "
                + "lines)\n", ""));
    }

    @Test
    void aSettingThatChangesTheRunShowsWhereItDoes() throws IOException {
        writeLines(plain, 0, lines.getFirst().replace("\"lockOrder\":true", "\"lockOrder\":false")
                .replace("\"waitThresholdMs\":1000", "\"waitThresholdMs\":2000"));

        CliTest.Result r = cli("replay", plain.toString(), "--verify");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).contains("DIFFERENT at line ").contains("\"e\":\"alert\",\"kind\":\"long-wait\"");
    }

    @Test
    void bytesAfterTheLastLineAreADifference() throws IOException {
        Files.writeString(plain, "\n\n\n", java.nio.file.StandardOpenOption.APPEND);

        CliTest.Result r = cli("replay", plain.toString(), "--verify");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).endsWith("DIFFERENT after line 3306, the re-run's last: the file has 3 more bytes: "
                + "\"\\n\\n\\n\"\n");
    }

    @Test
    void aSecondGzipMemberIsADifferenceEvenWhenEmpty() throws IOException {
        long size = Files.size(gz);
        try (OutputStream out = Files.newOutputStream(gz, java.nio.file.StandardOpenOption.APPEND);
             GZIPOutputStream second = new GZIPOutputStream(out)) {
            second.finish();
        }

        CliTest.Result r = cli("replay", gz.toString(), "--verify");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).endsWith("DIFFERENT in the gzip container: the file holds 2 gzip members (the second "
                + "starts at byte " + size + "); this Lockscope writes one\n");
    }

    @Test
    void garbageAfterTheGzipStreamIsCorruptInput() throws IOException {
        Files.write(gz, new byte[] {'x', 'y'}, java.nio.file.StandardOpenOption.APPEND);

        CliTest.Result r = cli("replay", gz.toString(), "--verify");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("lockscope: " + gz + ": corrupt compressed data after line 3306: unexpected "
                + "data after the end of the gzip stream, at byte ");
    }

    @Test
    void aFileThatEndsEarlyIsRefused() throws IOException {
        Files.write(plain, lines.subList(0, 100));

        CliTest.Result r = cli("replay", plain.toString(), "--verify");

        assertThat(r).isEqualTo(new CliTest.Result(2, "", "lockscope: " + plain + ": cannot replay a truncated trace: "
                + plain + ": no end event after line 100 (recording cut off?); recovered 96 events\n"));
    }

    @Test
    void aTraceFollowedByGigabytesOfNewlinesStopsAtTheBlankLineLimit() throws IOException {
        // The 3 MB gzip held 3 GiB of newlines after a valid trace; 64 MiB show the same stop.
        Path big = dir.resolve("newlines.jsonl.gz");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz));
             OutputStream out = new GZIPOutputStream(Files.newOutputStream(big))) {
            in.transferTo(out);
            byte[] newlines = new byte[1 << 20];
            java.util.Arrays.fill(newlines, (byte) '\n');
            for (int i = 0; i < 64; i++) {
                out.write(newlines);
            }
        }

        CliTest.Result r = cli("replay", big.toString(), "--verify");

        assertThat(r).isEqualTo(new CliTest.Result(2, "", "lockscope: " + big
                + ":4307: more than 1000 blank lines (the limit; a trace has none)\n"));
    }

    @Test
    void liveCommandsAreAppliedWhereTheyWereAndAStoppedRunVerifies() throws Exception {
        Scenario scenario = BuiltinScenarios.byName("article").orElseThrow();
        Path live = dir.resolve("live.jsonl.gz");
        try (TraceWriter writer = TraceWriter.atomic(live, scenario)) {
            Simulation sim = Simulation.start(scenario, writer);
            sim.runUntil(7_000_000_000L);
            sim.applyLive(new Command.SetMember("eve", OptionalLong.of(30_000_000L), OptionalLong.empty()));
            sim.runUntil(9_500_000_000L);
            sim.applyLive(new Command.SetStrategy(Strategy.SNAPSHOT));
            sim.runUntil(12_000_000_000L);
            sim.end(); // stopped in the lab at 12 s
        }

        CliTest.Result r = cli("replay", live.toString(), "--verify");

        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("replayed ").contains(" events of article with 2 live commands\n"
                + "the file ends at 12000 ms, before the scenario's 60000 ms (a run saved before its end): re-run up to "
                + "there\nidentical: the re-run of the header's scenario reproduces the file byte for byte (");
    }

    @Test
    void withoutVerifyADifferenceIsReportedWithExitZero() throws IOException {
        int index = firstDeliverAfter(1200);
        writeLines(plain, index, lines.get(index).replaceFirst("\"lat\":(\\d+)", "\"lat\":$1" + "7"));

        CliTest.Result r = cli("replay", plain.toString());

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("DIFFERENT at line " + (index + 1) + ":");
    }

    private int firstDeliverAfter(int from) {
        for (int i = from; ; i++) {
            if (lines.get(i).contains("\"e\":\"deliver\"")) {
                return i;
            }
        }
    }

    /** Rewrites the plain file with line {@code index} (0-based) replaced. */
    private void writeLines(Path file, int index, String replacement) throws IOException {
        List<String> edited = new ArrayList<>(lines);
        edited.set(index, replacement);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String l : edited) {
            out.write((l + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Files.write(file, out.toByteArray());
    }
}
