package dev.lockscope.bench;

import dev.lockscope.app.timeline.impl.FramePlan;
import dev.lockscope.app.timeline.impl.Metrics;
import dev.lockscope.app.timeline.impl.RowLayout;
import dev.lockscope.app.timeline.impl.TraceCatalog;
import dev.lockscope.app.timeline.impl.Viewport;
import dev.lockscope.model.Strategy;
import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.BuiltinScenarios;
import dev.lockscope.scenario.RoomSpec;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.trace.store.TraceStore;
import dev.lockscope.trace.store.TraceView;
import java.util.Set;
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
 * Building the timeline's {@link FramePlan} for one frame of a 10-million-event trace: the {@code big-room}
 * built-in (500 members, a broadcast every 10 ms) simulated until the store holds {@link #EVENTS} events, shown
 * in a 1600 &times; 1000 control at scale 1 (a 1430 px plot, about 45 visible rows from the top: the lock, the
 * Broadcast lanes, the first send groups). {@code span} is the visible window, starting at the broadcast nearest
 * the middle of the trace; {@code all} is fully zoomed out. The catalog is caught up in the setup; its one-off cost is printed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx12g", "-XX:+UseParallelGC"})
public class FramePlanBenchmark {
    static final int EVENTS = 10_000_000;

    @Param({"goroutine-per-send", "sequential"})
    public String strategy;

    @Param({"all", "10s", "1s", "100ms", "10ms", "1ms"})
    public String span;

    /** Which rows are visible: {@code top} (lock, goroutine lanes) or {@code members} (the member rows). */
    @Param({"top", "members"})
    public String rows;

    private TraceView view;
    private TraceCatalog catalog;
    private RowLayout layout;
    private FramePlan.Frame frame;
    private final FramePlan plan = new FramePlan();

    private static TraceStore store;
    private static String storeStrategy;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        if (store == null || !strategy.equals(storeStrategy)) {
            store = null;
            System.gc();
            store = bigRoom(strategy, EVENTS);
            storeStrategy = strategy;
        }
        view = store.view();
        long started = System.nanoTime();
        catalog = new TraceCatalog();
        catalog.update(view, Long.MAX_VALUE);
        System.out.printf("%n%s: %d events, %.1f s virtual, catalog read in %.0f ms, %d lanes%n", strategy, view.size(),
                view.now() / 1e9, (System.nanoTime() - started) / 1e6, catalog.laneCount());
        Metrics m = new Metrics(1);
        layout = RowLayout.build(catalog, Set.of(), 1);
        double width = 1600 - m.gutter();
        long start;
        long end;
        if (span.equals("all")) {
            start = -view.now() / 50;
            end = view.now() + view.now() / 50;
        } else {
            start = view.now() / 2 / 10_000_000L * 10_000_000L; // a broadcast instant mid-trace
            end = start + parse(span);
        }
        double scrollY = 0;
        if (rows.equals("members")) {
            for (RowLayout.Row row : layout.rows()) {
                if (row.type() == RowLayout.Type.SECTION && row.label().equals("Members")) {
                    scrollY = row.y();
                }
            }
        }
        frame = new FramePlan.Frame(new Viewport(start, end, width), m.gutter(), 0, m.axisHeight(),
                1000 - m.legendHeight(), scrollY, 1, view.now(), true, -1, -1, -1, FramePlan.Highlight.NONE);
        plan.build(view, catalog, layout, frame);
        System.out.printf("%s %s %s: %d rects, %d texts, %d markers%n", strategy, span, rows, plan.rectCount(),
                plan.textCount(), plan.markerCount());
    }

    /** The frame plan of one frame; returns its rectangle count so the work is used. */
    @Benchmark
    public int buildFrame() {
        return plan.build(view, catalog, layout, frame).rectCount();
    }

    static TraceStore bigRoom(String strategy, int events) throws Exception {
        Scenario big = BuiltinScenarios.byName("big-room").orElseThrow();
        Scenario scenario = big.withBody(((RoomSpec) big.body()).withStrategy(Strategy.ofId(strategy)));
        TraceStore store = new TraceStore();
        Simulation sim = Simulation.start(scenario, store);
        long t = 0;
        while (store.size() < events && !sim.isEnded() && t < scenario.durationNs()) {
            t += 10_000_000L;
            sim.runUntil(t);
        }
        return store;
    }

    private static long parse(String s) {
        if (s.endsWith("ms")) {
            return Long.parseLong(s.substring(0, s.length() - 2)) * 1_000_000L;
        }
        return Long.parseLong(s.substring(0, s.length() - 1)) * 1_000_000_000L;
    }
}
