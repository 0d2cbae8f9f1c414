package dev.lockscope.cli;

import static dev.lockscope.cli.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Numbers that do not fit, and the other bad input that used to end as "internal error" (exit 1): each is exit 2
 * with the one line the user sees, written out by hand.
 */
class CliInputErrorsTest {
    @TempDir
    Path dir;

    private static void assertBadInput(CliTest.Result r, String line) {
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(line + "\n");
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aDurationTooLargeForNanosecondsIsRefused() {
        assertBadInput(cli("run", "article", "--duration", "1e30"),
                "lockscope: command line: --duration: expected a number > 0 and at most 604800000 (milliseconds), "
                        + "got 1e30");
        assertBadInput(cli("run", "article", "--duration", "1e99999999999"),
                "lockscope: command line: --duration: expected a number > 0 and at most 604800000 (milliseconds), "
                        + "got 1e99999999999");
        assertBadInput(cli("run", "article", "--duration", "0.0000001"), "lockscope: command line: --duration: "
                + "expected a whole number of nanoseconds (at most 6 decimals), got 0.0000001");
        assertBadInput(cli("run", "article", "--duration", "soon"),
                "lockscope: command line: --duration: expected a number of milliseconds > 0, got \"soon\"");
        assertBadInput(cli("run", "article", "--duration", "-5"),
                "lockscope: command line: --duration: expected a number of milliseconds > 0, got \"-5\"");
    }

    @Test
    void aNumberWhoseExponentOverflowsIsBadInput() throws IOException {
        Path file = write("huge.json", "{\n  \"name\": \"huge\",\n  \"durationMs\": 1e99999999999\n}\n");
        assertBadInput(cli("run", file.toString()), "lockscope: " + file + ":3: durationMs: number 1e99999999999 is "
                + "out of range: its exponent must be within -2147483648 to 2147483647");
    }

    @Test
    void aSweepGridWhoseSizeOverflowsIsRefusedByTheRunLimit() throws IOException {
        // 8192^4 × 4096 = 2^64 cells: a long product wraps to 0, which passed the old "at most 100,000 runs" check.
        String axis8192 = IntStream.rangeClosed(1, 8192).mapToObj(Integer::toString).collect(Collectors.joining(","));
        String axis4096 = IntStream.rangeClosed(1, 4096).mapToObj(Integer::toString).collect(Collectors.joining(","));
        Path sweep = write("wide.json", "{\n  \"name\": \"wide\",\n  \"scenario\": \"article\",\n  \"grid\": {\n"
                + "    \"broadcastPeriodMs\": [" + axis8192 + "],\n    \"durationMs\": [" + axis8192 + "],\n"
                + "    \"reloadAfterNoUpdateMs\": [" + axis8192 + "],\n    \"latencyMs:eve\": [" + axis8192 + "],\n"
                + "    \"jitterMs:eve\": [" + axis4096 + "]\n  }\n}\n");
        assertBadInput(cli("sweep", sweep.toString(), "--out", dir.resolve("w.csv").toString()), "lockscope: " + sweep
                + ":4: grid: expected at most 100000 runs (cells times seeds), got more: 8192 broadcastPeriodMs × 8192 "
                + "durationMs × 8192 reloadAfterNoUpdateMs × 8192 latencyMs:eve × 4096 jitterMs:eve × 1 seed");
    }

    @Test
    void aSeedThatIsNotALongIsRefused() throws IOException {
        Path sweep = write("seeds.json", "{\"name\": \"s\", \"scenario\": \"article\",\n \"seeds\": [7, 1e30]}");
        assertBadInput(cli("sweep", sweep.toString(), "--out", dir.resolve("s.csv").toString()), "lockscope: " + sweep
                + ":2: seeds[1]: expected an integer from -9223372036854775808 to 9223372036854775807, got "
                + "1000000000000000000000000000000");
    }

    @Test
    void aReplayedLiveCommandThatDoesNotFitIsBadInput() throws IOException {
        Path trace = dir.resolve("t.jsonl");
        assertThat(cli("run", "hand-example", "--duration", "100", "--out", trace.toString()).code()).isZero();
        List<String> lines = Files.readAllLines(trace);
        // A live command at step 99999999999, which the 100 ms run never reaches, just before the end event.
        lines.add(lines.size() - 1, "{\"t\":100000000,\"e\":\"command\",\"step\":99999999999,\"live\":true,"
                + "\"command\":{\"set\":{\"strategy\":\"snapshot\"}}}");
        Files.write(trace, lines);

        CliTest.Result r = cli("replay", trace.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        int line = lines.size() - 1; // the command's, just before the end event's
        assertThat(r.err()).startsWith("lockscope: " + trace + ":" + line + ": command: the live command recorded at "
                + "step 99999999999, t=100 ms does not fit the re-run, which is at step ")
                .endsWith(" (next event at 100 ms): was the trace edited?\n");

        // A step the re-run reaches, at a time it does not: step 2 is at 0 ms, and the next event at 20 ms.
        lines.set(line - 1, "{\"t\":50000000,\"e\":\"command\",\"step\":2,\"live\":true,"
                + "\"command\":{\"set\":{\"strategy\":\"snapshot\"}}}");
        Files.write(trace, lines);
        assertBadInput(cli("replay", trace.toString()), "lockscope: " + trace + ":" + line + ": command: the live "
                + "command recorded at step 2, t=50 ms does not fit the re-run, which is at step 2, t=0 ms there (next "
                + "event at 20 ms): was the trace edited?");
    }

    @Test
    void aFileThatCannotBeReadSaysWhy() throws IOException {
        Path scenario = write("locked.json", "{\"name\": \"locked\", \"durationMs\": 100}");
        Path sweep = write("locked-sweep.json", "{\"name\": \"s\", \"scenario\": \"hand-example\"}");
        Path trace = dir.resolve("locked.jsonl");
        assertThat(cli("run", "hand-example", "--duration", "100", "--out", trace.toString()).code()).isZero();
        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        for (Path p : new Path[] {scenario, sweep, trace}) {
            Files.setPosixFilePermissions(p, Set.of());
        }
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        // Root reads and writes whatever the permissions say (CAP_DAC_OVERRIDE): FileProblemTest has the wording then.
        assumeFalse(Files.isReadable(scenario), "running as root");

        assertBadInput(cli("run", scenario.toString()), "lockscope: " + scenario + ": cannot read: permission denied");
        assertBadInput(cli("sweep", sweep.toString(), "--out", dir.resolve("s.csv").toString()), "lockscope: " + sweep
                + ": cannot read: permission denied");
        assertBadInput(cli("stats", trace.toString()), "lockscope: " + trace + ": cannot read: permission denied");
        assertBadInput(cli("run", "hand-example", "--out", readOnly.resolve("t.jsonl").toString()), "lockscope: "
                + "command line: --out: cannot write in directory " + readOnly + ": permission denied");
    }

    @Test
    void checkThresholdsAreBadInputForEveryTrace() throws IOException {
        Path trace = dir.resolve("t.jsonl"); // simulated: its alerts are in the file, the thresholds still checked
        assertThat(cli("run", "hand-example", "--duration", "100", "--out", trace.toString()).code()).isZero();
        assertBadInput(cli("check", trace.toString(), "--wait-ms", "-1"),
                "lockscope: command line: --wait-ms: expected a number of milliseconds from 0 to 86400000, got -1");
        assertBadInput(cli("check", trace.toString(), "--hold-ms", "86400001"),
                "lockscope: command line: --hold-ms: expected a number of milliseconds from 0 to 86400000, got 86400001");
    }

    @Test
    void anEmptyOutIsNotADirectory() {
        assertBadInput(cli("run", "hand-example", "--out", ""), "lockscope: command line: --out: expected a file name, "
                + "got \"\"");
    }

    @Test
    void threadsAreBoundedByTheCores() throws IOException {
        Path sweep = write("s.json", "{\"name\": \"s\", \"scenario\": \"hand-example\"}");
        int cores = Runtime.getRuntime().availableProcessors();
        String rule = "lockscope: command line: --threads: expected 1 to " + cores * 4 + " (at most 4 per core, and this "
                + "machine has " + cores + "), got ";
        for (String n : new String[] {"0", "-1", "100000", Integer.toString(cores * 4 + 1)}) {
            assertBadInput(cli("sweep", sweep.toString(), "--out", dir.resolve("s.csv").toString(), "--threads", n),
                    rule + n);
        }
        assertThat(cli("sweep", sweep.toString(), "--out", dir.resolve("s.csv").toString(), "--threads",
                Integer.toString(cores * 4)).code()).isZero();
    }

    @Test
    void aScriptErrorNamesTheFileAndTheStepsLine() throws IOException {
        Path file = write("script.json", """
                {
                  "name": "unlock-first",
                  "kind": "script",
                  "durationMs": 100,
                  "locks": [{"name": "A", "kind": "mutex"}],
                  "goroutines": [
                    {"name": "g1", "steps": [
                      "lock A",
                      "unlock A",
                      "unlock A"
                    ]}
                  ]
                }
                """);
        assertBadInput(cli("run", file.toString()), "lockscope: " + file + ":10: goroutines[0].steps[2]: \"unlock A\" "
                + "releases A but g1 does not hold it at that step (expected an earlier \"lock A\")");
    }

    @Test
    void aSleepTooLongSaysItIsTooLongWithTheLimit() throws IOException {
        Path file = write("sleepy.json", """
                {
                  "name": "sleepy", "kind": "script", "durationMs": 100,
                  "goroutines": [{"name": "g1", "steps": [
                    "sleep 1e15"
                  ]}]
                }
                """);
        assertBadInput(cli("run", file.toString()), "lockscope: " + file + ":4: goroutines[0].steps[0]: sleep: expected "
                + "a number from 0 to 604800000 (milliseconds), got 1e15");
        Files.writeString(file, Files.readString(file).replace("1e15", "0.0000001"));
        assertBadInput(cli("run", file.toString()), "lockscope: " + file + ":4: goroutines[0].steps[0]: sleep: expected "
                + "a whole number of nanoseconds (at most 6 decimals), got 0.0000001");
    }
}
