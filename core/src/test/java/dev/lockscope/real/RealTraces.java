package dev.lockscope.real;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.detect.StreamDetectors;
import dev.lockscope.event.AlertKind;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.interval.IntervalKind;
import dev.lockscope.interval.IntervalTracker;
import dev.lockscope.model.DetectorConfig;
import dev.lockscope.model.Mode;
import dev.lockscope.trace.TraceReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the tests of real programs' traces check: the chat room's Add waited behind a Broadcast that held the read
 * lock while it sent to the slow member, and the detectors, run over the trace, raise a long-wait naming that
 * Broadcast.
 */
final class RealTraces {
    /** The detectors' thresholds for these short runs: the slow member takes 200 ms. */
    static final DetectorConfig THRESHOLDS = new DetectorConfig(100_000_000L, 100_000_000L, true);

    private RealTraces() {}

    /** The trace's events with the detectors' alerts, as the lab and `lockscope check` read it. */
    static List<TraceEvent> read(Path trace) throws Exception {
        List<TraceEvent> events = new ArrayList<>();
        TraceReader.read(trace, new StreamDetectors(THRESHOLDS, events::add));
        return events;
    }

    /**
     * Checks that goroutine {@code adder} (named {@code addPrefix...}) waited at least {@code minWaitNs} for the write
     * lock while a goroutine whose name starts with {@code broadcastPrefix} held the read lock, and that a long-wait
     * alert about the Add names that Broadcast.
     */
    static void assertAddWaitedBehindABroadcast(List<TraceEvent> events, String addPrefix, String broadcastPrefix,
                                                long minWaitNs) {
        Map<Integer, String> names = new HashMap<>();
        List<long[]> addWaits = new ArrayList<>(); // {g, start, end}
        List<long[]> readHolds = new ArrayList<>(); // {g, start, end}
        IntervalTracker tracker = new IntervalTracker(new IntervalTracker.Listener() {
            @Override
            public void opened(IntervalKind kind, int g, int key, long start, long plannedEnd, int tag) {}

            @Override
            public void closed(IntervalKind kind, int g, int key, long start, long end, int startTag, int endTag) {
                String name = names.getOrDefault(g, "");
                if (kind == IntervalKind.WAITING && name.startsWith(addPrefix)) {
                    addWaits.add(new long[] {g, start, end});
                } else if (kind == IntervalKind.HOLD_READ && name.startsWith(broadcastPrefix)) {
                    readHolds.add(new long[] {g, start, end});
                }
            }
        });
        for (TraceEvent e : events) {
            switch (e) {
                case TraceEvent.Spawn s -> names.put(s.g(), s.name());
                case TraceEvent.Request r -> tracker.request(r.time(), r.g(), r.lock(), 0);
                case TraceEvent.Acquire a -> tracker.acquire(a.time(), a.g(), a.lock(), a.mode() == Mode.READ, 0);
                case TraceEvent.Release r -> tracker.release(r.time(), r.g(), r.lock(), r.mode() == Mode.READ, 0);
                default -> { }
            }
        }
        long[] add = addWaits.stream().max((a, b) -> Long.compare(a[2] - a[1], b[2] - b[1])).orElseThrow();
        assertThat(add[2] - add[1]).as("the Add's wait").isGreaterThanOrEqualTo(minWaitNs);
        // Real clocks: the waiter's acquire is stamped a little after the release that let it in.
        assertThat(readHolds).as("a Broadcast held the read lock for most of the Add's wait")
                .anyMatch(h -> Math.min(h[2], add[2]) - Math.max(h[1], add[1]) >= minWaitNs);
        String adder = names.get((int) add[0]);
        assertThat(events).filteredOn(e -> e instanceof TraceEvent.Alert a && a.kind() == AlertKind.LONG_WAIT
                        && a.summary().startsWith(adder))
                .as("a long-wait alert about %s", adder).isNotEmpty()
                .allSatisfy(a -> assertThat(((TraceEvent.Alert) a).report()).contains("blocked by " + broadcastPrefix));
    }
}
