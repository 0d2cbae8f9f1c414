package dev.lockscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.trace.ReadResult;
import dev.lockscope.trace.TraceReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C inside the JVM: a {@link StopSignal} that comes after a fixed number of instants, so that where the run
 * stops is exact. The real signals, in a child process, are {@code CliSignalsIT}'s.
 */
class StopTest {
    @TempDir
    Path dir;

    /** Comes once the run has asked {@code checks} times, between instants. */
    static final class After extends StopSignal {
        private int left;

        After(int checks) {
            this.left = checks;
        }

        @Override
        boolean requested() {
            return --left < 0 || super.requested();
        }
    }

    /** Requested as soon as a command declares that it stops cleanly: before any work. */
    static final class AtOnce extends StopSignal {
        @Override
        void onStop(Runnable action) {
            super.onStop(action);
            if (action != null) {
                request();
            }
        }
    }

    static CliTest.Result cli(StopSignal stop, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out), new PrintWriter(err), stop);
        return new CliTest.Result(code, out.toString(), err.toString());
    }

    private static long time(String line) {
        int at = line.indexOf("\"t\":") + 4;
        int end = at;
        while (Character.isDigit(line.charAt(end))) {
            end++;
        }
        return Long.parseLong(line.substring(at, end));
    }

    @Test
    void runOutKeepsEveryCompleteInstantWithoutTheEndEvent() throws Exception {
        Path full = dir.resolve("full.jsonl");
        Path cut = dir.resolve("cut.jsonl");
        assertThat(CliTest.cli("run", "article", "--out", full.toString()).code()).isZero();

        CliTest.Result r = cli(new After(500), "run", "article", "--out", cut.toString());

        assertThat(r.code()).isEqualTo(Main.STOPPED);
        assertThat(r.out()).isEmpty();
        List<String> all = Files.readAllLines(full);
        List<String> kept = Files.readAllLines(cut);
        // A prefix of the whole run, cut between two instants: the next line of the whole run is later.
        assertThat(kept.size()).isBetween(2, all.size() - 2);
        assertThat(all.subList(0, kept.size())).isEqualTo(kept);
        long last = time(kept.getLast());
        assertThat(time(all.get(kept.size()))).isGreaterThan(last);
        assertThat(kept.getLast()).doesNotContain("\"e\":\"end\"");
        assertThat(r.err()).matches("lockscope: stopped at [0-9.]+ ms of 60000 ms virtual; the trace so far is in "
                + java.util.regex.Pattern.quote(cut.toString()) + ", without its end event \\(readers report it as cut "
                + "off\\)\n");
        // The instant it names is the last one kept: no later than the next event of the whole run.
        long stoppedAt = new java.math.BigDecimal(r.err().split(" ")[3]).scaleByPowerOfTen(6).longValueExact();
        assertThat(stoppedAt).isBetween(last, time(all.get(kept.size())) - 1);

        ReadResult read = TraceReader.read(cut, e -> { });
        assertThat(read.truncated()).isTrue();
        assertThat(read.warning()).hasValueSatisfying(w -> assertThat(w).contains("no end event"));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("full.jsonl", "cut.jsonl");
        }
    }

    @Test
    void aRunWithoutOutSaysWhereItStopped() {
        CliTest.Result r = cli(new After(0), "run", "hand-example");

        assertThat(r.code()).isEqualTo(Main.STOPPED);
        assertThat(r.out()).isEmpty();
        // Asked first when the clock leaves 0: every event at t=0 is complete.
        assertThat(r.err()).isEqualTo("lockscope: stopped at 0 ms of 5000 ms virtual\n");
    }

    @Test
    void replayStopsWithoutComparing() {
        Path trace = dir.resolve("t.jsonl");
        assertThat(CliTest.cli("run", "hand-example", "--out", trace.toString()).code()).isZero();

        CliTest.Result r = cli(new After(0), "replay", trace.toString(), "--verify");

        assertThat(r.code()).isEqualTo(Main.STOPPED);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("lockscope: stopped at 0 ms of 5000 ms virtual; nothing was compared\n");
    }

    @Test
    void sweepStopsAndWritesNothing() throws Exception {
        Path sweep = Files.writeString(dir.resolve("s.json"), "{\"name\": \"s\", \"scenario\": \"article\", \"seeds\": 8}");
        Path out = dir.resolve("s.csv");

        CliTest.Result r = cli(new AtOnce(), "sweep", sweep.toString(), "--out", out.toString(), "--threads", "1");

        assertThat(r.code()).isEqualTo(Main.STOPPED);
        assertThat(r.err()).matches("lockscope: stopped after [0-8] of 8 runs; nothing was written\n");
        assertThat(out).doesNotExist();
        assertThat(Thread.interrupted()).as("the interrupt that woke the sweep is consumed").isFalse();
    }

    @Test
    void withoutASignalNothingStops() {
        assertThat(cli(new StopSignal(), "run", "hand-example").code()).isZero();
    }
}
