package dev.lockscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analysis.Summary;
import dev.lockscope.analysis.SummaryJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line through {@link Main#execute}: outputs, exit codes, and one-line errors. */
class CliTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {}

    static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void runPrintsTheHandComputedFigures() throws Exception {
        Result r = cli("run", "hand-example", "--json");
        assertThat(r.code()).isZero();
        Summary s = SummaryJson.read(r.out());
        assertThat(s.ops().get("Add").waitMs().maxMs()).isEqualTo(640.0);
        assertThat(s.ops().get("Broadcast").waitMs().maxMs()).isEqualTo(450.0);
    }

    @Test
    void statsOfTheSavedTraceEqualsTheRunSummary() {
        Path trace = dir.resolve("article.jsonl.gz");
        Result run = cli("run", "article", "--json", "--out", trace.toString());
        Result stats = cli("stats", trace.toString(), "--json");
        assertThat(run.code()).isZero();
        assertThat(stats.code()).isZero();
        assertThat(stats.out()).isEqualTo(run.out());
    }

    @Test
    void flagsOverrideTheFile() throws Exception {
        Summary s = SummaryJson.read(cli("run", "hand-example", "--json", "--strategy", "snapshot", "--duration", "2000")
                .out());
        assertThat(s.durationMs()).isEqualTo(2000.0);
        assertThat(s.ops().get("Add").waitMs().maxMs()).isZero();
    }

    @Test
    void aBadScenarioIsOneLineNamingFileLineAndFieldWithExitTwo() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, """
                {
                  "name": "bad", "durationMs": 1000,
                  "members": [
                    {"name": "ann", "latencyMs": 20},
                    {"name": "bob", "latencyMs": -5}
                  ]
                }
                """, StandardCharsets.UTF_8);
        Result r = cli("run", file.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("lockscope: " + file + ":5: members[1].latencyMs: expected")
                .contains("-5").doesNotContain("Exception");
    }

    @Test
    void aBadOptionValueIsOneLineWithExitTwo() {
        Result r = cli("run", "hand-example", "--strategy", "fast");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly("lockscope: command line: --strategy: expected one of sequential, "
                + "goroutine-per-send, parallel-wait, snapshot, member-queue, got \"fast\"");
    }

    @Test
    void anUnknownOptionIsOneLineWithExitTwo() {
        Result r = cli("run", "hand-example", "--frobnicate");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("--frobnicate").contains("lockscope run --help");
    }

    @Test
    void anUnknownScenarioSaysWhatExists() {
        Result r = cli("run", "no-such-thing");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("no-such-thing", "article");
    }

    @Test
    void aCorruptTraceIsOneLineWithExitTwo() throws Exception {
        Path trace = dir.resolve("t.jsonl");
        Files.writeString(trace, "{\"format\":\"lockscope-trace\",\"version\":1,\"tool\":\"x\",\"scenario\":"
                + "{\"name\":\"s\",\"durationMs\":10}}\n{\"t\":0,\"e\":\"spawn\",\"g\":\"one\"}\n");
        Result r = cli("stats", trace.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains(trace + ":2").contains("g");
    }

    @Test
    void checkPrintsEachAlertAsAReport() {
        Path trace = dir.resolve("abba.jsonl");
        assertThat(cli("run", "abba", "--out", trace.toString()).code()).isZero();
        Result r = cli("check", trace.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("=== deadlock #1 at 10 ms ===", "DEADLOCK: 2 goroutines wait for each other",
                "=== lock-order #1 at 10 ms ===", "Inconsistent locking: lock order inversion between A and B.",
                "2 alerts: long-wait 0, long-hold 0, lock-order 1, recursive 0, deadlock 1");
    }

    @Test
    void replayVerifiesAWrittenTrace() {
        Path trace = dir.resolve("article.jsonl");
        cli("run", "article", "--out", trace.toString());
        Result r = cli("replay", trace.toString(), "--verify");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("identical: the re-run reproduces the file byte for byte");
    }

    @Test
    void scenariosListsTheBuiltIns() {
        assertThat(cli("scenarios").out()).contains("article ", "hand-example ", "big-room ");
    }
}
