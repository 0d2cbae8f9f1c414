package dev.lockscope.bench;

import dev.lockscope.scenario.Scenario;
import dev.lockscope.trace.store.RowSummary;
import dev.lockscope.trace.store.Track;
import dev.lockscope.trace.store.TraceStore;
import dev.lockscope.trace.store.TraceView;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The timeline's queries on a 10-million-event store: {@code big-room} simulated straight into a
 * {@link TraceStore} (duration scaled to about 10,000,000 events, about 50 s of virtual time).
 *
 * <p>{@link #summarize}: one row of 1600 pixels, for {@code window} = the whole trace ({@code all}), one second
 * or 10 ms (centred in the trace), on {@code track} = the busiest lock's holders ({@code holders}: one hold per
 * broadcast), a goroutine in the middle of the trace ({@code goroutine}: a broadcast, three intervals, stored
 * compactly like the millions of send goroutines), or a member's sends ({@code member}). Costs should not grow with the events in the window: {@code all} covers all 10 M.
 * {@link #overlapping}: the intervals of the track in a one-second window.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class StoreQueryBenchmark {
    private static final int PIXELS = 1600;

    @Param({"holders", "goroutine", "member"})
    public String track;

    @Param({"all", "1s", "10ms"})
    public String window;

    private TraceView view;
    private Track row;
    private long t0;
    private long t1;
    private long second0;

    @Setup(Level.Trial)
    public void build() {
        Scenario scenario = RoomTraces.sized("big-room", 10_000_000);
        TraceStore store = new TraceStore();
        RoomTraces.run(scenario, store);
        view = store.view();
        row = switch (track) {
            case "holders" -> Track.lockHolders(0);
            case "goroutine" -> broadcastAt(view, view.now() / 2);
            case "member" -> Track.member(0);
            default -> throw new IllegalArgumentException("track: " + track);
        };
        long end = view.now();
        long mid = end / 2;
        switch (window) {
            case "all" -> { t0 = 0; t1 = end; }
            case "1s" -> { t0 = mid - 500_000_000L; t1 = mid + 500_000_000L; }
            case "10ms" -> { t0 = mid - 5_000_000L; t1 = mid + 5_000_000L; }
            default -> throw new IllegalArgumentException("window: " + window);
        }
        second0 = mid - 500_000_000L;
        System.out.printf("%n%,d events; %s: %,d intervals, %,d in [t0, t1)%n", view.size(), row,
                view.intervalCount(row), view.overlapping(row, t0, t1).length);
    }

    /** The goroutine of the first hold of lock 0 at or after {@code t}: a broadcast, alive in the middle. */
    private static Track broadcastAt(TraceView view, long t) {
        int[] holds = view.overlapping(Track.lockHolders(0), t, view.now());
        return Track.goroutine(view.intervalGoroutine(holds[0]));
    }

    @Benchmark
    public RowSummary summarize() {
        return view.summarize(row, t0, t1, PIXELS);
    }

    /** The track's intervals in one second in the middle of the trace (the same for every window). */
    @Benchmark
    public int[] overlapping() {
        return view.overlapping(row, second0, second0 + 1_000_000_000L);
    }
}
