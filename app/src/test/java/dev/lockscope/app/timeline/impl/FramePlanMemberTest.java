package dev.lockscope.app.timeline.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lockscope.event.Site;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.trace.store.TraceStore;
import dev.lockscope.trace.store.TraceView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Level of detail of member rows: zoomed out they come from a summary in columns a few pixels wide. */
class FramePlanMemberTest {
    private static final Site SEND = new Site("Broadcast", "Room.Broadcast.func1: m.Send(msg)");

    @Test
    void zoomedOutMemberRowIsPaintedFromColumnsAsWideAsTheyAre() {
        TraceStore store = new TraceStore();
        store.accept(new TraceEvent.Spawn(0, 1, "Broadcast#1", "Broadcast", 0));
        long ms = 1_000_000L;
        for (int i = 0; i < 5000; i++) { // a 1 ms send every 2 ms for 10 s, then nothing until 20 s
            store.accept(new TraceEvent.SendStart(i * 2 * ms, 1, "eve", i, ms, SEND));
            store.accept(new TraceEvent.Deliver(i * 2 * ms + ms, 1, "eve", i, ms));
        }
        store.accept(new TraceEvent.Exit(20_000 * ms, 1));
        TraceView view = store.view();
        TraceCatalog catalog = new TraceCatalog();
        catalog.update(view, Long.MAX_VALUE);
        RowLayout layout = RowLayout.build(catalog, Set.of(), 1);
        RowLayout.Row memberRow = layout.row(layout.memberRow(0));
        double plotX = 100;
        int width = 1000;
        FramePlan.Frame frame = new FramePlan.Frame(new Viewport(0, 20_000 * ms, width), plotX, 0, 30, 2000, 0, 1,
                view.now(), false, -1, -1, -1, FramePlan.Highlight.NONE);
        FramePlan plan = new FramePlan().build(view, catalog, layout, frame);

        List<float[]> sends = new ArrayList<>();
        double top = 30 + memberRow.y();
        for (int i = 0; i < plan.rects; i++) {
            if (plan.rstyle[i] == Ink.MEMBER_SEND && plan.ry[i] >= top && plan.ry[i] < top + memberRow.height()) {
                sends.add(new float[] {plan.rx[i], plan.rw[i]});
            }
        }
        // 10 s of sends 1 ms apart at 20 ms a pixel: one run over the first half, ending on a column boundary
        assertThat(sends).hasSize(1);
        assertThat((double) sends.getFirst()[0]).isEqualTo(plotX, within(1e-3));
        double columnWidth = (double) width / FramePlan.memberColumns(width);
        assertThat(columnWidth).isEqualTo(FramePlan.MEMBER_COLUMN_PX);
        double runWidth = sends.getFirst()[1];
        assertThat(runWidth / columnWidth).isCloseTo(Math.rint(runWidth / columnWidth), within(1e-3));
        assertThat(runWidth).isBetween(width / 2.0 - 1, width / 2.0 + columnWidth);
    }

    @Test
    void memberColumnsCoverThePlot() {
        assertThat(FramePlan.memberColumns(1)).isEqualTo(1);
        assertThat(FramePlan.memberColumns(4)).isEqualTo(1);
        assertThat(FramePlan.memberColumns(5)).isEqualTo(2);
        assertThat(FramePlan.memberColumns(1430)).isEqualTo(358);
    }
}
