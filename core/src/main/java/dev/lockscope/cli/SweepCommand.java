package dev.lockscope.cli;

import dev.lockscope.io.AtomicOutput;
import dev.lockscope.sweep.SweepCsv;
import dev.lockscope.sweep.SweepJson;
import dev.lockscope.sweep.SweepRow;
import dev.lockscope.sweep.SweepRunner;
import dev.lockscope.sweep.SweepSpec;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sweep SWEEP.json --out results.csv}: run a what-if grid on all cores, with a progress bar on stderr. */
@Command(name = "sweep", description = "Runs every cell of a sweep file (docs/sweeps.md) and writes one CSV row per run.")
final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SWEEP", description = "A sweep file.")
    Path sweep;

    @Option(names = "--out", paramLabel = "CSV", required = true, description = "Where to write the results.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        SweepSpec s = SweepJson.read(sweep);
        PrintWriter err = spec.commandLine().getErr();
        int total = s.runCount();
        long start = System.nanoTime();
        ProgressBar bar = new ProgressBar(err, total, start);
        List<SweepRow> rows = new SweepRunner(threads != null ? Math.max(1, threads)
                : Runtime.getRuntime().availableProcessors()).run(s, bar::update);
        bar.finish();
        byte[] csv = SweepCsv.write(s, rows).getBytes(StandardCharsets.UTF_8);
        AtomicOutput.write(out, o -> {
            o.write(csv);
            return null;
        });
        spec.commandLine().getOut().printf("%d cells × %d seeds = %d runs in %.1f s → %s%n", s.cellCount(),
                s.seeds().size(), total, (System.nanoTime() - start) / 1e9, out);
        return 0;
    }

    /** "[=========>          ] 120/200 runs  3.2 s", redrawn in place; thread-safe. */
    private static final class ProgressBar {
        private static final int WIDTH = 30;
        private final PrintWriter err;
        private final int total;
        private final long start;
        private int shown = -1;

        ProgressBar(PrintWriter err, int total, long start) {
            this.err = err;
            this.total = total;
            this.start = start;
        }

        synchronized void update(int done) {
            int filled = (int) ((long) done * WIDTH / Math.max(1, total));
            if (filled == shown && done != total) {
                return;
            }
            shown = filled;
            err.printf("\r[%s%s] %d/%d runs  %.1f s", "=".repeat(filled), " ".repeat(WIDTH - filled), done, total,
                    (System.nanoTime() - start) / 1e9);
            err.flush();
        }

        synchronized void finish() {
            err.println();
            err.flush();
        }
    }
}
