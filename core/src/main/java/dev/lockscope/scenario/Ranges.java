package dev.lockscope.scenario;

import dev.lockscope.util.Millis;
import java.util.function.LongPredicate;

/**
 * The range of every number of the scenario format (docs/scenario-format.md, "Ranges"), in one place for scenario
 * files, sweep files and the command line: wide enough for any run worth simulating, narrow enough that no file
 * the format accepts makes a run that cannot advance (a broadcast every nanosecond schedules billions of tasks
 * per virtual second, and the kernel's queue grows until memory runs out) or overflows virtual time.
 *
 * <ul>
 *   <li>times in a run (durations, start and event times, sleeps, thresholds): at most {@link #WEEK_NS}, 7 days
 *       of virtual time;</li>
 *   <li>periods (a room's broadcasts, a client's reload): at least {@link #MIN_PERIOD_NS}, 1 ms;</li>
 *   <li>a member's latency and jitter: at most {@link #MAX_LATENCY_NS}, 1 hour;</li>
 *   <li>{@code queueLimit}: 1 to {@link #MAX_QUEUE_LIMIT}; members in a room at the start: at most
 *       {@link #MAX_MEMBERS}; any array: at most 100,000 entries, a file: at most 16 MiB (the JSON limits).</li>
 * </ul>
 *
 * The seed may be any 64-bit integer. Ranges bound each number alone: a combination can still ask for more than
 * memory holds (thousands of members, each send lasting an hour, a broadcast every millisecond); the command line
 * then says so in one line (exit 1) instead of a stack trace.
 */
public final class Ranges {
    /** One week of virtual time: the longest duration, and the latest time anything may be scheduled. */
    public static final long WEEK_NS = 7L * 24 * 3600 * 1_000_000_000L;
    /** The shortest period of a repeating task: a broadcast, a client's reload timer. */
    public static final long MIN_PERIOD_NS = 1_000_000L;
    /** The longest latency or jitter of a member's sends. */
    public static final long MAX_LATENCY_NS = 3600L * 1_000_000_000L;
    /** The largest bound of a member's outbound queue. */
    public static final int MAX_QUEUE_LIMIT = 100_000;
    /** The most members a room may start with. */
    public static final int MAX_MEMBERS = 10_000;

    /** {@code durationMs}: more than 0, at most a week. */
    public static final Ms DURATION = new Ms(1, WEEK_NS, false);
    /** Times within a run: {@code atMs}, {@code startMs}, {@code broadcast.startMs}, {@code sleep MS}. */
    public static final Ms TIME = new Ms(0, WEEK_NS, false);
    /** Detector thresholds: 0 (every wait or hold longer than nothing alerts) to a week. */
    public static final Ms THRESHOLD = new Ms(0, WEEK_NS, false);
    /** {@code broadcast.periodMs} and {@code set.broadcastPeriodMs}. */
    public static final Ms PERIOD = new Ms(MIN_PERIOD_NS, WEEK_NS, false);
    /** {@code reload.afterNoUpdateMs}: 0 (clients never reload), or a period. */
    public static final Ms RELOAD = new Ms(MIN_PERIOD_NS, WEEK_NS, true);
    /** {@code latencyMs} and {@code jitterMs} of a member. */
    public static final Ms LATENCY = new Ms(0, MAX_LATENCY_NS, false);

    private Ranges() {}

    /**
     * A range of millisecond values, held in nanoseconds: [{@code minNs}, {@code maxNs}], and 0 too when
     * {@code zeroMeansOff}.
     */
    public record Ms(long minNs, long maxNs, boolean zeroMeansOff) implements LongPredicate {
        @Override
        public boolean test(long ns) {
            return (ns >= minNs && ns <= maxNs) || (zeroMeansOff && ns == 0);
        }

        /** What a value must be, for a message after "expected". */
        public String expected() {
            String range = minNs == 1 ? "a number > 0 and at most " + Millis.exact(maxNs)
                    : "a number from " + Millis.exact(minNs) + " to " + Millis.exact(maxNs);
            return (zeroMeansOff ? "0 (off) or " : "") + range + " (milliseconds)";
        }
    }
}
