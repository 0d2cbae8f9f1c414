package dev.lockscope.bench;

import dev.lockscope.analysis.SummaryAnalyzer;
import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.BuiltinScenarios;
import dev.lockscope.scenario.Scenario;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Shows that a run's memory stays flat: runs {@code big-room} (or the scenario named by the first argument) into
 * the summary analyzer, as {@code run --json} does, and every 10 s of virtual time forces a GC and prints the
 * heap still in use. Events stream out and the kernel keeps no history, so the figures should not grow.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.lockscope.bench.HeapFlatness [scenario]</pre>
 */
public final class HeapFlatness {
    private HeapFlatness() {}

    public static void main(String[] args) throws Exception {
        Scenario scenario = BuiltinScenarios.byName(args.length > 0 ? args[0] : "big-room").orElseThrow();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        SummaryAnalyzer analyzer = new SummaryAnalyzer(scenario.name(), scenario.durationNs());
        long step = 10_000_000_000L;
        long[] next = {step};
        EventSink probe = e -> {
            analyzer.accept(e);
            if (e.time() >= next[0] && !(e instanceof TraceEvent.End)) {
                next[0] += step;
                System.gc();
                System.out.printf("t=%3d s  events=%,12d  heap used after GC=%6.1f MB%n", e.time() / 1_000_000_000L,
                        analyzer.summary().events(), memory.getHeapMemoryUsage().getUsed() / 1e6);
            }
        };
        Simulation.run(scenario, probe);
        System.out.printf("done: %,d events, %,d deliveries%n", analyzer.summary().events(),
                analyzer.summary().delivery().count());
    }
}
