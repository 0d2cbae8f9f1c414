package dev.lockscope.app.timeline.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.model.Strategy;
import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.BuiltinScenarios;
import dev.lockscope.scenario.RoomSpec;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.trace.store.TraceStore;
import dev.lockscope.trace.store.TraceView;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A plan is reused frame after frame, and so is its summaries' working memory, whose arrays are then longer than
 * the next summary: every frame must come out as a fresh plan builds it. The trace is {@code big-room} with
 * sequential broadcasts (goroutines with hundreds of sends, drawn from summaries when zoomed out), and the frames
 * zoom in and out and scroll to the member rows, so that each one follows a wider or narrower one.
 */
class FramePlanReuseTest {

    @Test
    void aReusedPlanBuildsWhatAFreshOneDoes() throws Exception {
        Scenario big = BuiltinScenarios.byName("big-room").orElseThrow();
        Scenario scenario = big.withBody(((RoomSpec) big.body()).withStrategy(Strategy.ofId("sequential")));
        TraceStore store = new TraceStore();
        Simulation.start(scenario, store).runUntil(3_000_000_000L);
        TraceView view = store.view();
        TraceCatalog catalog = new TraceCatalog();
        catalog.update(view, Long.MAX_VALUE);
        RowLayout layout = RowLayout.build(catalog, Set.of(), 1);
        double membersY = layout.rows().stream().filter(r -> r.type() == RowLayout.Type.SECTION
                && r.label().equals("Members")).findFirst().orElseThrow().y();
        long[][] windows = {
            {-60_000_000L, 3_060_000_000L}, {1_000_000_000L, 1_100_000_000L}, {0, 3_000_000_000L},
            {1_500_000_000L, 1_510_000_000L}, {200_000_000L, 2_200_000_000L}, {0, 3_000_000_000L},
        };
        FramePlan reused = new FramePlan();
        int crowded = 0;
        for (double scrollY : new double[] {0, membersY}) {
            for (long[] w : windows) {
                FramePlan.Frame frame = new FramePlan.Frame(new Viewport(w[0], w[1], 1430), 170, 0, 40, 960,
                        scrollY, 1, view.now(), true, -1, -1, -1, FramePlan.Highlight.NONE);
                FramePlan fresh = new FramePlan().build(view, catalog, layout, frame);
                reused.build(view, catalog, layout, frame);
                assertThat(reused.rects).as("rects at %s, scroll %s", Arrays.toString(w), scrollY).isEqualTo(fresh.rects);
                int n = fresh.rects;
                assertThat(Arrays.copyOf(reused.rx, n)).isEqualTo(Arrays.copyOf(fresh.rx, n));
                assertThat(Arrays.copyOf(reused.ry, n)).isEqualTo(Arrays.copyOf(fresh.ry, n));
                assertThat(Arrays.copyOf(reused.rw, n)).isEqualTo(Arrays.copyOf(fresh.rw, n));
                assertThat(Arrays.copyOf(reused.rh, n)).isEqualTo(Arrays.copyOf(fresh.rh, n));
                assertThat(Arrays.copyOf(reused.rstyle, n)).isEqualTo(Arrays.copyOf(fresh.rstyle, n));
                assertThat(Arrays.copyOf(reused.rref, n)).isEqualTo(Arrays.copyOf(fresh.rref, n));
                assertThat(reused.texts).isEqualTo(fresh.texts);
                crowded += fresh.rects;
            }
        }
        assertThat(crowded).isPositive();
    }
}
