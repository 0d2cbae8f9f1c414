package dev.lockscope.app.timeline.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.event.AlertKind;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.Command;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.model.Strategy;
import dev.lockscope.trace.store.TraceStore;
import dev.lockscope.trace.store.TraceView;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the axis says: commands in their own words (a jitter change is not "latency unchanged"), one flag per instant,
 * and alert diamonds in a band of their own below the flags and their labels, so nothing sits on a label.
 */
class AxisTest {
    private static final long MS = 1_000_000L;

    @Test
    void aCommandSaysWhatItChanges() {
        assertThat(FramePlan.describe(new Command.SetMember("eve", OptionalLong.empty(), OptionalLong.of(1200 * MS))))
                .isEqualTo("eve jitter ±1.2 s");
        assertThat(FramePlan.describe(new Command.SetMember("eve", OptionalLong.of(2000 * MS), OptionalLong.empty())))
                .isEqualTo("eve latency 2 s");
        assertThat(FramePlan.describe(new Command.SetMember("eve", OptionalLong.of(1800 * MS), OptionalLong.of(100 * MS))))
                .isEqualTo("eve latency 1.8 s jitter ±100 ms");
    }

    @Test
    void commandsOfOneInstantShareAFlagAndAlertsHaveABandOfTheirOwn() {
        TraceStore store = new TraceStore();
        store.accept(new TraceEvent.Spawn(0, 1, "g1", "g1", 0));
        store.accept(new TraceEvent.CommandApplied(1000 * MS, 10, true, new Command.SetLock(LockSemantics.FAIR)));
        store.accept(new TraceEvent.CommandApplied(1000 * MS, 10, true, new Command.SetStrategy(Strategy.SNAPSHOT)));
        store.accept(new TraceEvent.Alert(1000 * MS, AlertKind.LONG_WAIT, "s", "r", List.of(1), List.of()));
        store.accept(new TraceEvent.CommandApplied(1500 * MS, 11, true, new Command.Leave("eve")));
        store.accept(new TraceEvent.Exit(2000 * MS, 1));
        TraceView view = store.view();
        TraceCatalog catalog = new TraceCatalog();
        catalog.update(view, Long.MAX_VALUE);
        double scale = 1.35;
        double axis = new Metrics(scale).axisHeight();
        FramePlan.Frame frame = new FramePlan.Frame(new Viewport(0, 2000 * MS, 1000), 100, 0, axis, 600, 0, scale,
                view.now(), false, -1, -1, -1, FramePlan.Highlight.NONE);
        FramePlan plan = new FramePlan().build(view, catalog, RowLayout.build(catalog, Set.of(), scale), frame);

        List<Integer> flags = java.util.stream.IntStream.range(0, plan.markers).filter(i -> plan.mkind[i] == Ink.COMMAND)
                .boxed().toList();
        assertThat(flags).hasSize(2);
        assertThat(plan.mlabel[flags.get(0)]).isEqualTo("lock: fair, strategy: snapshot");
        assertThat(plan.mlabel[flags.get(1)]).isEqualTo("eve leaves");
        int alert = java.util.stream.IntStream.range(0, plan.markers).filter(i -> plan.mkind[i] == Ink.ALERT_AXIS)
                .findFirst().orElseThrow();
        // A flag's label is written 4 px (scaled) above its marker's y, a font size high; a diamond is 12 px high.
        double labelBottom = plan.my[flags.get(0)] - 4 * scale + new Metrics(scale).fontSize() / 2;
        double diamondTop = plan.my[alert] - 6 * scale;
        assertThat(diamondTop).as("diamonds below the flags' labels").isGreaterThanOrEqualTo(labelBottom);
        assertThat(plan.my[alert] + 6 * scale).as("diamonds inside the axis").isLessThanOrEqualTo(axis);
    }
}
