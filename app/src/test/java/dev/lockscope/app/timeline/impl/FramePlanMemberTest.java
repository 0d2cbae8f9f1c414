package dev.lockscope.app.timeline.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.Site;
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
        // 20 ms a pixel, so the columns are the store's smallest buckets of at least 2 px = 40 ms: 2^20 ns * 4^3
        // = 67,108,864 ns. The last send, [9,998, 9,999) ms, lies in column 148 = [9,932.1, 9,999.2) ms, so one
        // run from 0 to 149 columns: 9,999,220,736 ns = 499.961 px.
        assertThat(view.bucketWidth()).isEqualTo(1L << 20);
        assertThat(sends).hasSize(1);
        assertThat((double) sends.getFirst()[0]).isEqualTo(plotX, within(1e-3));
        assertThat((double) sends.getFirst()[1]).isEqualTo(149 * 67_108_864L / 20e6, within(1e-3));
    }

    @Test
    void aBucketSummaryHasOneColumnPerStoreBucketCoveringTheWindow() {
        TraceStore store = new TraceStore();
        store.accept(new TraceEvent.Spawn(0, 1, "Broadcast#1", "Broadcast", 0));
        store.accept(new TraceEvent.Exit(1L << 30, 1));
        TraceView view = store.view();
        TraceCatalog catalog = new TraceCatalog();
        catalog.update(view, Long.MAX_VALUE);
        // 2^16 ns a pixel: 2 px = 2^17 ns, below the 2^20 ns base bucket, which is used as it is.
        FramePlan plan = new FramePlan().build(view, catalog, RowLayout.build(catalog, Set.of(), 1),
                new FramePlan.Frame(new Viewport(3L << 20, (3L << 20) + (1000L << 16), 1000), 0, 0, 30, 300, 0, 1,
                        view.now(), false, -1, -1, -1, FramePlan.Highlight.NONE));
        var s = plan.bucketSummary(dev.lockscope.trace.store.Track.goroutine(1), (3L << 20) + 5, 5L << 20, 2);
        assertThat(s.pixels()).isEqualTo(2);
        assertThat(s.from(0)).isEqualTo(3L << 20);
        assertThat(s.to(1)).isEqualTo(5L << 20);
        // 2^22 ns a pixel: 2 px = 2^23 ns, so buckets of 4^2 base buckets (2^24 ns); [2^24 + 1, 2^26) needs 3.
        plan.build(view, catalog, RowLayout.build(catalog, Set.of(), 1),
                new FramePlan.Frame(new Viewport(0, 1000L << 22, 1000), 0, 0, 30, 300, 0, 1,
                        view.now(), false, -1, -1, -1, FramePlan.Highlight.NONE));
        s = plan.bucketSummary(dev.lockscope.trace.store.Track.goroutine(1), (1L << 24) + 1, 1L << 26, 2);
        assertThat(s.pixels()).isEqualTo(3);
        assertThat(s.from(0)).isEqualTo(1L << 24);
        assertThat(s.to(2)).isEqualTo(1L << 26);
        assertThat(s.busyFraction()).containsExactly(1.0, 1.0, 1.0); // the goroutine runs throughout
    }
}
