package dev.lockscope.bench;

import dev.lockscope.scenario.Scenario;
import dev.lockscope.trace.store.TraceStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Resident memory of a {@link TraceStore} holding a real room trace: a built-in scenario run through
 * {@code Simulation} straight into the store, its duration scaled to about the requested number of events
 * (see {@link RoomTraces}). The figure is the growth of used heap between two full collections (before the run
 * and after it, with only the store left reachable) divided by the number of events, so every column, index,
 * summary and dictionary counts, and nothing of the simulation does.
 *
 * <p>Run (after {@code mvn -q -DskipTests package -pl core,bench -am}):
 * {@code java -Xmx8g -XX:+UseSerialGC -cp bench/target/benchmarks.jar dev.lockscope.bench.StoreFootprint
 * big-room 10000000}. Arguments: scenario (default {@code big-room}), events (default 10,000,000), bucket shift
 * (default {@link TraceStore#DEFAULT_BUCKET_SHIFT}). Serial GC makes "used after a full GC" exact enough.
 * {@code -Dfootprint.histogram=true} also prints the top of the live-object class histogram.
 */
public final class StoreFootprint {
    private StoreFootprint() {}

    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "big-room";
        long events = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        int bucketShift = args.length > 2 ? Integer.parseInt(args[2]) : TraceStore.DEFAULT_BUCKET_SHIFT;
        Scenario scenario = RoomTraces.sized(name, events);
        long before = usedAfterGc();
        TraceStore store = TraceStore.onHeap(bucketShift); // the bytes a store holds: a paging store would hide most of them
        long start = System.nanoTime();
        RoomTraces.run(scenario, store);
        double seconds = (System.nanoTime() - start) / 1e9;
        long after = usedAfterGc();
        int n = store.size();
        System.out.printf("%s: %,d events, bucket 2^%d ns: %.1f bytes/event (%,d bytes retained; run %.1f s)%n",
                name + " = " + RoomTraces.describe(scenario), n, bucketShift, (after - before) / (double) n, after - before, seconds);
        if (Boolean.getBoolean("footprint.histogram")) {
            System.out.println(histogram(30));
        }
        System.out.println(store.view().size() > 0 ? "" : "empty"); // keeps the store reachable until measured
    }

    /** The first lines of the live-object class histogram ({@code jcmd GC.class_histogram}), to see where it goes. */
    private static String histogram(int lines) {
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            return String.join("\n", text.toString().lines().limit(lines).toList());
        } catch (JMException e) {
            return "no histogram: " + e;
        }
    }

    /** Used heap after full collections, repeated until it stops shrinking (finalizable leftovers, soft refs). */
    static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            long now = memory.getHeapMemoryUsage().getUsed();
            if (now >= used) {
                break;
            }
            used = now;
        }
        return used;
    }
}
