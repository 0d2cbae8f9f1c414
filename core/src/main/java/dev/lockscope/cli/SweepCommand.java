package dev.lockscope.cli;

import dev.lockscope.io.AtomicOutput;
import dev.lockscope.io.InputException;
import dev.lockscope.sweep.SweepCsv;
import dev.lockscope.sweep.SweepJson;
import dev.lockscope.sweep.SweepRow;
import dev.lockscope.sweep.SweepRunner;
import dev.lockscope.sweep.SweepSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sweep SWEEP.json --out results.csv}: run a what-if grid on all cores, with a progress bar on stderr.
 * {@code --out} is checked before the first run; Ctrl-C or SIGTERM cancels the remaining runs and writes nothing.
 */
@Command(name = "sweep", description = "Runs every cell of a sweep file (docs/sweeps.md) and writes one CSV row per run.")
final class SweepCommand implements Callable<Integer> {
    /** Worker threads per core at most: more only adds memory and switching, runs are CPU-bound. */
    static final int THREADS_PER_CORE = 4;

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "SWEEP", description = "A sweep file.")
    Path sweep;

    @Option(names = "--out", paramLabel = "CSV", required = true, description = "Where to write the results.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads, 1 to 4 per core (default: one "
            + "per core).")
    Integer threads;

    @Mixin
    ProgressOption progressOption = new ProgressOption();

    @Override
    public Integer call() throws Exception {
        int workers = workers(threads, Runtime.getRuntime().availableProcessors());
        SweepSpec s = SweepJson.read(sweep);
        List<OutPath.Input> inputs = new ArrayList<>(List.of(new OutPath.Input(sweep, "the sweep file")));
        SweepJson.scenarioFile(sweep).ifPresent(f -> inputs.add(new OutPath.Input(f, "the sweep's scenario file")));
        OutPath.check(out, inputs);
        int total = s.runCount();
        long start = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        Progress progress = new Progress(spec.commandLine().getErr(), progressOption.shown(), total,
                n -> n + "/" + total + " runs");
        List<SweepRow> rows = null;
        Thread waiting = Thread.currentThread();
        main.stop().onStop(waiting::interrupt); // the runner waits for its workers: wake it
        try {
            rows = new SweepRunner(workers).run(s, n -> {
                done.accumulateAndGet(n, Math::max);
                progress.update(n);
            });
        } catch (InterruptedException e) {
            // stopped: reported below
        } finally {
            main.stop().onStop(null);
            Thread.interrupted(); // a late wake-up must not break the file written next
        }
        progress.finish(done.get());
        if (rows == null || main.stop().requested()) {
            spec.commandLine().getErr().println("lockscope: stopped after " + done.get() + " of " + total
                    + " runs; nothing was written");
            return Main.STOPPED;
        }
        byte[] csv = SweepCsv.write(s, rows).getBytes(StandardCharsets.UTF_8);
        AtomicOutput.write(out, o -> {
            o.write(csv);
            return null;
        });
        spec.commandLine().getOut().printf("%d cells × %d seeds = %d runs in %.1f s → %s%n", s.cellCount(),
                s.seeds().size(), total, (System.nanoTime() - start) / 1e9, out);
        return 0;
    }

    /**
     * The number of worker threads: {@code --threads} if given, from 1 to {@value #THREADS_PER_CORE} per core,
     * else one per core.
     */
    static int workers(Integer threads, int cores) throws InputException {
        int max = cores * THREADS_PER_CORE;
        if (threads == null) {
            return cores;
        }
        if (threads < 1 || threads > max) {
            throw new InputException("command line", 0, "--threads", "expected 1 to " + max + " (at most "
                    + THREADS_PER_CORE + " per core, and this machine has " + cores + "), got " + threads);
        }
        return threads;
    }
}
