package dev.lockscope.run;

import dev.lockscope.event.TraceEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test oracle: per operation, the completed waits and holds in milliseconds, paired the simple way (a goroutine
 * holds one lock at a time in the room).
 */
public final class LockOps {
    public final Map<String, List<Double>> waits = new HashMap<>();
    public final Map<String, List<Double>> holds = new HashMap<>();

    public static LockOps of(List<TraceEvent> events) {
        LockOps ops = new LockOps();
        Map<Integer, Long> requested = new HashMap<>();
        Map<Integer, Long> acquired = new HashMap<>();
        for (TraceEvent e : events) {
            switch (e) {
                case TraceEvent.Request r -> requested.put(r.g(), r.time());
                case TraceEvent.Acquire a -> {
                    ops.waits.computeIfAbsent(a.site().op(), k -> new ArrayList<>())
                            .add((a.time() - requested.remove(a.g())) / 1e6);
                    acquired.put(a.g(), a.time());
                }
                case TraceEvent.Release r -> ops.holds.computeIfAbsent(r.site().op(), k -> new ArrayList<>())
                        .add((r.time() - acquired.remove(r.g())) / 1e6);
                default -> { }
            }
        }
        return ops;
    }

    public double maxWait(String op) {
        return waits.getOrDefault(op, List.of()).stream().mapToDouble(Double::doubleValue).max().orElse(-1);
    }

    public double maxHold(String op) {
        return holds.getOrDefault(op, List.of()).stream().mapToDouble(Double::doubleValue).max().orElse(-1);
    }
}
