package dev.lockscope.bench;

import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.BuiltinScenarios;
import dev.lockscope.scenario.Scenario;

/**
 * Real room scenarios sized to a number of events, for the store benchmarks: a built-in scenario whose duration
 * is scaled (from a short probe run) so that a whole run, {@code End} included, emits about that many events.
 *
 * <p>{@code big-room}: 500 members, one goroutine per send, a broadcast every 10 ms (about 200,000 events per
 * virtual second, four per send goroutine). {@code article}: the blog post's sequential room (five members, a
 * broadcast every 500 ms, eve's reloads); few events per second, so 10 million events span days of virtual time.
 */
final class RoomTraces {
    private RoomTraces() {}

    /** The built-in {@code name} with its duration scaled to emit about {@code events} events. */
    static Scenario sized(String name, long events) {
        Scenario base = BuiltinScenarios.byName(name).orElseThrow(() -> new IllegalArgumentException("no built-in " + name));
        long probeNs = Math.min(base.durationNs(), 2_000_000_000L);
        Scenario s = base.withDurationNs(probeNs);
        for (int round = 0; round < 3; round++) {
            long n = count(s);
            long scaled = (long) ((double) s.durationNs() * events / Math.max(1, n));
            if (Math.abs(n - events) < events / 50) {
                break;
            }
            s = base.withDurationNs(Math.max(1_000_000L, scaled));
        }
        return s;
    }

    /** The number of events a whole run of {@code scenario} emits. */
    static long count(Scenario scenario) {
        long[] n = {0};
        run(scenario, e -> n[0]++);
        return n[0];
    }

    static void run(Scenario scenario, EventSink sink) {
        try {
            Simulation.run(scenario, sink);
        } catch (InputException e) {
            throw new IllegalStateException("built-in scenario does not run: " + e.getMessage(), e);
        }
    }

    /** Describes a scenario in one line for reports. */
    static String describe(Scenario s) {
        return s.name() + " (" + s.durationNs() / 1_000_000 + " ms virtual)";
    }

    /** A sink that drops events; keeps the type visible for tests of the helpers. */
    static final EventSink DISCARD = (TraceEvent e) -> { };
}
