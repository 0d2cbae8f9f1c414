package dev.lockscope.bench;

import dev.lockscope.event.Mode;
import dev.lockscope.event.Site;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.trace.store.TraceStore;

/**
 * A rough resident-memory check of {@link TraceStore} on a synthetic room trace, until a JMH measurement
 * replaces it: each broadcast is a goroutine that spawns, read-locks, sends one message to every member in
 * turn (each delivered before the next send starts), unlocks and exits; broadcasts are 1 ms apart.
 *
 * <p>Run: {@code java -Xmx6g -XX:+UseSerialGC -cp bench/target/benchmarks.jar
 * dev.lockscope.bench.StoreFootprint [events] [members] [bucketShift]}. The figure is heap growth after a
 * full GC divided by the number of events, so it includes every derived structure.
 */
public final class StoreFootprint {
    private StoreFootprint() {}

    public static void main(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        int members = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int bucketShift = args.length > 2 ? Integer.parseInt(args[2]) : TraceStore.DEFAULT_BUCKET_SHIFT;
        Site rlock = new Site("Broadcast", "Room.Broadcast: r.mx.RLock()");
        Site runlock = new Site("Broadcast", "Room.Broadcast: r.mx.RUnlock()");
        Site send = new Site("Broadcast", "Room.Broadcast: m.Send(msg)");
        String[] names = new String[members];
        for (int i = 0; i < members; i++) {
            names[i] = "member-" + i;
        }
        long before = usedAfterGc();
        TraceStore store = new TraceStore(bucketShift);
        long t = 0;
        int g = 0;
        while (store.size() < events) {
            g++;
            store.accept(new TraceEvent.Spawn(t, g, "Broadcast#" + g, "broadcast", 0));
            store.accept(new TraceEvent.Request(t, g, 0, Mode.READ, rlock));
            store.accept(new TraceEvent.Acquire(t, g, 0, Mode.READ, rlock));
            long s = t;
            for (int m = 0; m < members; m++) {
                long d = 20_000 + m * 7919L % 5_000;
                store.accept(new TraceEvent.SendStart(s, g, names[m], g, d, send));
                s += d;
                store.accept(new TraceEvent.Deliver(s, g, names[m], g, s - t));
            }
            store.accept(new TraceEvent.Release(s, g, 0, Mode.READ, runlock));
            store.accept(new TraceEvent.Exit(s, g));
            t = s + 1_000_000;
        }
        long after = usedAfterGc();
        System.out.printf("events=%d members=%d goroutines=%d virtual=%.1fs bucket=2^%d ns: %.1f bytes/event%n",
                store.size(), members, g, t / 1e9, bucketShift, (after - before) / (double) store.size());
        System.out.println(store.view().size()); // keeps the store reachable until after the measurement
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
