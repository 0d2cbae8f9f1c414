package dev.lockscope.sweep;

import dev.lockscope.analysis.SummaryAnalyzer;
import dev.lockscope.io.InputException;
import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs every cell of a sweep under every seed, headless, on a pool of threads. Each run is its own
 * {@link Simulation} with no shared state, so results do not depend on the number of threads or on timing; rows
 * come back in (cell, seed) order.
 */
public final class SweepRunner {
    private final int threads;

    /** @param threads worker threads; use {@link Runtime#availableProcessors()} for all cores */
    public SweepRunner(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + threads);
        }
        this.threads = threads;
    }

    /**
     * Runs the sweep; {@code progress} is told the number of finished runs after each one, from worker threads.
     *
     * @throws InterruptedException if interrupted: the remaining runs are cancelled
     */
    public List<SweepRow> run(SweepSpec spec, IntConsumer progress) throws InputException, InterruptedException {
        List<SweepSpec.Cell> cells = spec.cells();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "lockscope-sweep");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<SweepRow>> futures = new ArrayList<>();
            for (SweepSpec.Cell cell : cells) {
                for (long seed : spec.seeds()) {
                    futures.add(pool.submit(() -> {
                        SweepRow row = runOne(spec.base(), cell, seed);
                        progress.accept(done.incrementAndGet());
                        return row;
                    }));
                }
            }
            List<SweepRow> rows = new ArrayList<>(futures.size());
            for (Future<SweepRow> f : futures) {
                rows.add(f.get());
            }
            return rows;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InputException input) {
                throw input;
            }
            throw new IllegalStateException("a sweep run failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One cell under one seed: what {@code lockscope run --json} computes for the same scenario. */
    public static SweepRow runOne(Scenario base, SweepSpec.Cell cell, long seed) throws InputException {
        Scenario scenario = cell.scenario(base, seed);
        SummaryAnalyzer analyzer = new SummaryAnalyzer(scenario.name(), scenario.durationNs());
        Simulation.run(scenario, analyzer);
        return new SweepRow(cell, seed, analyzer.summary());
    }
}
