package dev.lockscope.app.timeline.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.PrimKind;
import dev.lockscope.model.PrimOp;
import dev.lockscope.model.Site;
import dev.lockscope.model.WaitOp;
import dev.lockscope.trace.store.TraceStore;
import dev.lockscope.trace.store.TraceView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A channel's row: its waiting senders in the top band, its buffer's length in the bottom band as a bar as high as
 * len/cap; and a goroutine blocked on it drawn in the style of its block.
 */
class FramePlanPrimTest {
    private static final long MS = 1_000_000L;
    private static final Site SEND = new Site("producer", "producer #2: jobs <- i");
    private static final Site RECV = new Site("consumer", "consumer #1: <-jobs");

    /**
     * jobs (cap 2): producer puts values at 10 and 20 ms, blocks sending at 30 ms; consumer takes one at 50 ms,
     * which wakes the producer, whose value goes into the buffer. 1 ms a pixel from 0, the plot at x = 100.
     */
    private static TraceView trace() {
        TraceStore store = new TraceStore();
        store.accept(new TraceEvent.PrimCreated(0, 0, "jobs", PrimKind.CHAN, 2));
        store.accept(new TraceEvent.Spawn(0, 1, "producer", "producer", 0));
        store.accept(new TraceEvent.Spawn(0, 2, "consumer", "consumer", 0));
        store.accept(new TraceEvent.Act(10 * MS, 1, 0, PrimOp.SEND, 1, SEND));
        store.accept(new TraceEvent.Act(20 * MS, 1, 0, PrimOp.SEND, 2, SEND));
        store.accept(new TraceEvent.PrimWait(30 * MS, 1, WaitOp.CHAN_SEND, List.of(0), SEND));
        store.accept(new TraceEvent.Act(50 * MS, 2, 0, PrimOp.RECV, 1, RECV));
        store.accept(new TraceEvent.Wake(50 * MS, 1, 0));
        store.accept(new TraceEvent.Act(50 * MS, 1, 0, PrimOp.SEND, 2, SEND));
        store.accept(new TraceEvent.End(100 * MS));
        return store.view();
    }

    private static FramePlan plan(TraceView view, TraceCatalog catalog, RowLayout layout) {
        FramePlan.Frame frame = new FramePlan.Frame(new Viewport(0, 100 * MS, 100), 100, 0, 30, 2000, 0, 1,
                view.now(), false, -1, -1, -1, FramePlan.Highlight.NONE);
        return new FramePlan().build(view, catalog, layout, frame);
    }

    /** The rects of {@code style} inside {@code row}: {x, y - row top, width, height}. */
    private static List<float[]> rects(FramePlan plan, RowLayout.Row row, byte style) {
        List<float[]> out = new ArrayList<>();
        double top = 30 + row.y();
        for (int i = 0; i < plan.rects; i++) {
            if (plan.rstyle[i] == style && plan.ry[i] >= top && plan.ry[i] < top + row.height()) {
                out.add(new float[] {plan.rx[i], (float) (plan.ry[i] - top), plan.rw[i], plan.rh[i]});
            }
        }
        return out;
    }

    @Test
    void theCatalogListsTheChannelAndTheLayoutGivesItARowUnderChannels() {
        TraceView view = trace();
        TraceCatalog catalog = new TraceCatalog();
        catalog.update(view, Long.MAX_VALUE);
        assertThat(catalog.prims()).containsExactly(new TraceCatalog.PrimInfo(0, "jobs", PrimKind.CHAN, 2));
        assertThat(catalog.prim(0).description()).isEqualTo("chan, cap 2");
        RowLayout layout = RowLayout.build(catalog, Set.of(), 1);
        assertThat(layout.rows()).extracting(RowLayout.Row::type, RowLayout.Row::label).startsWith(
                org.assertj.core.groups.Tuple.tuple(RowLayout.Type.SECTION, "Channels"),
                org.assertj.core.groups.Tuple.tuple(RowLayout.Type.PRIM, "jobs"));
        assertThat(layout.rowsNamed("jobs", catalog)).containsExactly(layout.primRow(0));
        assertThat(RowLayout.build(catalog, Set.of(RowLayout.CHANNELS), 1).primRow(0)).isEqualTo(-1);
    }

    @Test
    void theRowShowsTheBlockedSenderAndTheBufferLengthOverCapacity() {
        TraceView view = trace();
        TraceCatalog catalog = new TraceCatalog();
        catalog.update(view, Long.MAX_VALUE);
        RowLayout layout = RowLayout.build(catalog, Set.of(), 1);
        RowLayout.Row row = layout.row(layout.primRow(0));
        FramePlan plan = plan(view, catalog, layout);

        // The sender band, 0.06 to 0.34 of the 34 px row: the producer blocked from 30 to 50 ms, its wait named.
        List<float[]> senders = rects(plan, row, Ink.CHAN_SEND);
        assertThat(senders).hasSize(1);
        assertThat((double) senders.getFirst()[0]).isEqualTo(130, within(1e-3));
        assertThat((double) senders.getFirst()[1]).isEqualTo(34 * 0.06, within(1e-3));
        assertThat((double) senders.getFirst()[2]).isEqualTo(20, within(1e-3));
        assertThat((double) senders.getFirst()[3]).isEqualTo(34 * 0.28, within(1e-3));
        int wait = view.overlapping(dev.lockscope.trace.store.Track.goroutine(1), 30 * MS, 31 * MS)[1];
        assertThat(plan.intervalAt(140, 30 + row.y() + 5)).isEqualTo(wait);

        // The buffer band, from 0.70 of the row, 9.52 px high: 1 value from 10 ms (half high), 2 from 20 ms (full),
        // still 2 after 50 ms (one taken, the woken sender's put), to the end of the trace.
        List<float[]> buffer = rects(plan, row, Ink.BUFFERED);
        double band = 34 * 0.28;
        double bandTop = 34 * 0.70;
        assertThat(buffer).hasSize(2);
        assertThat((double) buffer.get(0)[0]).isEqualTo(110, within(1e-3));
        assertThat((double) buffer.get(0)[1]).isEqualTo(bandTop + band / 2, within(1e-3));
        assertThat((double) buffer.get(0)[2]).isEqualTo(10, within(1e-3));
        assertThat((double) buffer.get(0)[3]).isEqualTo(band / 2, within(1e-3));
        assertThat((double) buffer.get(1)[0]).isEqualTo(120, within(1e-3));
        assertThat((double) buffer.get(1)[1]).isEqualTo(bandTop, within(1e-3));
        assertThat((double) buffer.get(1)[2]).isEqualTo(80, within(1e-3));
        assertThat((double) buffer.get(1)[3]).isEqualTo(band, within(1e-3));
    }

    @Test
    void aGoroutineBlockedSendingIsDrawnInTheSendStyle() {
        TraceView view = trace();
        TraceCatalog catalog = new TraceCatalog();
        catalog.update(view, Long.MAX_VALUE);
        RowLayout layout = RowLayout.build(catalog, Set.of(), 1);
        FramePlan plan = plan(view, catalog, layout);
        RowLayout.Row producer = layout.row(layout.laneRow(catalog.laneOf(1)));
        assertThat(rects(plan, producer, Ink.CHAN_SEND)).hasSize(1);
        assertThat(rects(plan, producer, Ink.WAITING)).isEmpty();
        assertThat(catalog.lane(catalog.laneOf(1)).worst(0)).isEqualTo((byte) dev.lockscope.interval.IntervalKind.CHAN_SEND.ordinal());
        assertThat(Ink.isWait(Ink.CHAN_SEND)).isTrue();
        assertThat(Ink.isWait(Ink.BUFFERED)).isFalse();
    }
}
