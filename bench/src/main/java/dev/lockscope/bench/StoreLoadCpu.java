package dev.lockscope.bench;

import dev.lockscope.scenario.Scenario;
import dev.lockscope.trace.TraceReader;
import dev.lockscope.trace.TraceWriter;
import dev.lockscope.trace.store.TraceStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code TraceReader.load} of the {@link StoreLoadBenchmark}'s file, timed by CPU time per thread rather than wall
 * time, which a machine shared with other work makes too noisy to compare two builds within a few percent: the
 * calling thread (the store), the process as a whole, and their difference (mostly the parsing thread, plus
 * the collector and the compiler). Then {@code TraceReader.read} into a sink that drops the events, on the calling
 * thread: the parsing thread's work without the hand-over (plus an event object per line). Prints the minimum and
 * median of each over the repeats, after warm-up loads.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.lockscope.bench.StoreLoadCpu [repeats] [file]</pre>
 *
 * Writes the 1,000,000-event {@code big-room} trace of the benchmark first, to {@code file} if it does not exist
 * (so that two builds can load the same file), else to a temporary file.
 */
public final class StoreLoadCpu {
    private StoreLoadCpu() {}

    public static void main(String[] args) throws Exception {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path file;
        if (args.length > 1) {
            file = Path.of(args[1]);
        } else {
            file = Files.createTempFile("lockscope-load-", ".jsonl");
            file.toFile().deleteOnExit();
        }
        if (!Files.exists(file) || Files.size(file) == 0) {
            Scenario scenario = RoomTraces.sized("big-room", 1_000_000);
            try (TraceWriter writer = TraceWriter.atomic(file, scenario)) {
                RoomTraces.run(scenario, writer);
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < 5; i++) {
            TraceReader.load(file, new TraceStore());
        }
        long[] wall = new long[repeats];
        long[] caller = new long[repeats];
        long[] process = new long[repeats];
        for (int i = 0; i < repeats; i++) {
            System.gc();
            long w0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            long p0 = os.getProcessCpuTime();
            TraceReader.load(file, new TraceStore());
            wall[i] = System.nanoTime() - w0;
            caller[i] = threads.getCurrentThreadCpuTime() - c0;
            process[i] = os.getProcessCpuTime() - p0;
        }
        long[] others = new long[repeats];
        for (int i = 0; i < repeats; i++) {
            others[i] = process[i] - caller[i];
        }
        long[] read = new long[repeats];
        for (int i = 0; i < repeats; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            TraceReader.read(file, e -> { });
            read[i] = threads.getCurrentThreadCpuTime() - c0;
        }
        System.out.printf("%s, %d loads: ms min/median: wall %s, store thread %s, other threads %s, process %s; "
                + "read on one thread (parse, check, an event object per line) %s%n",
                file, repeats, stats(wall), stats(caller), stats(others), stats(process), stats(read));
    }

    private static String stats(long[] ns) {
        long[] sorted = ns.clone();
        Arrays.sort(sorted);
        return String.format("%.1f/%.1f", sorted[0] / 1e6, sorted[sorted.length / 2] / 1e6);
    }
}
