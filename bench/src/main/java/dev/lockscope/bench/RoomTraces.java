package dev.lockscope.bench;

import dev.lockscope.event.EventSink;
import dev.lockscope.io.InputException;
import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.BuiltinScenarios;
import dev.lockscope.scenario.RoomSpec;
import dev.lockscope.scenario.Scenario;
import java.util.List;

/**
 * Real room scenarios sized to a number of events, for the store benchmarks: a built-in scenario whose duration
 * is scaled (from a short probe run) so that a whole run, {@code End} included, emits about that many events.
 *
 * <p>{@code big-room}: 500 members, one goroutine per send, a broadcast every 10 ms (about 200,000 events per
 * virtual second, four per send goroutine). {@code article}: the blog post's sequential room (four members, eve
 * joining at 5 s, a broadcast every 500 ms) which stalls for good: reload cascades and a detector alert (about
 * 1 KB of text) every 20 events. {@code article-calm}: the same room without eve. Both have few events per
 * second, so 10 million events span days of virtual time.
 */
final class RoomTraces {
    private RoomTraces() {}

    /**
     * The built-in {@code name} with its duration scaled to emit about {@code events} events. {@code article-calm}
     * is {@code article} without eve's join: the same sequential room, five broadcasts a second, no stall.
     */
    static Scenario sized(String name, long events) {
        Scenario base = base(name);
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

    private static Scenario base(String name) {
        if (name.equals("article-calm")) {
            Scenario article = base("article");
            return article.withBody(((RoomSpec) article.body()).withEvents(List.of()));
        }
        return BuiltinScenarios.byName(name).orElseThrow(() -> new IllegalArgumentException("no built-in " + name));
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
}
