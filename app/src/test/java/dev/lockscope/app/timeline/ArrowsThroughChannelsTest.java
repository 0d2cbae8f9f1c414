package dev.lockscope.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.app.timeline.impl.FramePlan;
import dev.lockscope.app.timeline.impl.Metrics;
import dev.lockscope.app.timeline.impl.RowLayout;
import dev.lockscope.app.timeline.impl.TraceCatalog;
import dev.lockscope.app.timeline.impl.Viewport;
import dev.lockscope.interval.IntervalKind;
import dev.lockscope.trace.TraceReader;
import dev.lockscope.trace.store.TraceStore;
import dev.lockscope.trace.store.TraceView;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The blocked-by arrows run across primitives: a wait on a channel goes from the waiter's lane to the channel's row,
 * and from there to the goroutine that could complete it; a lock wait goes from lane to lane. On the
 * {@code kubernetes6632} sample at 40 ms: WriteFrame waits sending on {@code resetChan} for monitor (who could
 * receive), which waits for {@code writeLock}, held by WriteFrame.
 */
class ArrowsThroughChannelsTest {
    private static final long MS = 1_000_000L;
    private static final Path TRACE = Path.of("..", "sample-traces", "kubernetes6632.jsonl.gz");

    @Test
    void aChannelWaitsArrowGoesThroughTheChannelsRowAndALockWaitsStraight() throws Exception {
        TraceStore store = new TraceStore();
        TraceReader.load(TRACE, store);
        TraceView view = store.view();
        TraceCatalog catalog = new TraceCatalog();
        catalog.update(view, Long.MAX_VALUE);
        RowLayout layout = RowLayout.build(catalog, Set.of(), 1);
        int writeFrame = goroutine(view, catalog, "WriteFrame");
        int monitor = goroutine(view, catalog, "monitor");
        long t = 40 * MS;
        int wait = view.waitAt(writeFrame, t);
        assertThat(view.kind(wait)).isEqualTo(IntervalKind.CHAN_SEND);

        Selections selections = new Selections(view, catalog);
        FramePlan.Highlight highlight = selections.highlight(selections.of(wait, t));
        int resetChan = catalog.prims().stream().filter(p -> p.name().equals("resetChan")).findFirst().orElseThrow().id();
        assertThat(highlight.arrows()).containsExactly(
                new FramePlan.Arrow(writeFrame, t, monitor, t, 0, resetChan),
                new FramePlan.Arrow(monitor, t, writeFrame, t, 1, -1));

        FramePlan plan = plan(view, catalog, layout, highlight);
        float writeFrameY = middle(layout, layout.laneRow(catalog.laneOf(writeFrame)));
        float monitorY = middle(layout, layout.laneRow(catalog.laneOf(monitor)));
        float channelY = middle(layout, layout.primRow(resetChan));
        // Three arrows: WriteFrame's lane to resetChan's row, resetChan's row to monitor's lane, monitor's lane
        // (a step of the chain further right) to WriteFrame's.
        assertThat(plan.arrowCount()).isEqualTo(3);
        assertThat(arrowYs(plan)).containsExactly(
                new float[] {writeFrameY, channelY}, new float[] {channelY, monitorY},
                new float[] {monitorY, writeFrameY});

        // With the Channels section collapsed the channel has no row: the arrow goes straight.
        RowLayout collapsed = RowLayout.build(catalog, Set.of(RowLayout.CHANNELS), 1);
        FramePlan straight = plan(view, catalog, collapsed, highlight);
        assertThat(straight.arrowCount()).isEqualTo(2);
    }

    private static int goroutine(TraceView view, TraceCatalog catalog, String name) {
        TraceCatalog.Goroutines goroutines = catalog.goroutines();
        for (int i = 0; i < goroutines.count(); i++) {
            int row = goroutines.spawnRow(i);
            if (view.spawnName(row).equals(name)) {
                return view.goroutine(row);
            }
        }
        throw new AssertionError("no goroutine " + name);
    }

    /** 0 to 100 ms on a 1,000-pixel plot, the rows from y = 30, nothing scrolled. */
    private static FramePlan plan(TraceView view, TraceCatalog catalog, RowLayout layout, FramePlan.Highlight h) {
        Metrics m = new Metrics(1);
        FramePlan.Frame frame = new FramePlan.Frame(new Viewport(0, 100 * MS, 1000), m.gutter(), 0, 30, 3000, 0, 1,
                view.now(), false, -1, -1, -1, h);
        return new FramePlan().build(view, catalog, layout, frame);
    }

    private static float middle(RowLayout layout, int r) {
        assertThat(r).isNotNegative();
        return (float) (30 + layout.row(r).y() + layout.row(r).height() / 2);
    }

    private static List<float[]> arrowYs(FramePlan plan) {
        return java.util.stream.IntStream.range(0, plan.arrowCount())
                .mapToObj(i -> new float[] {plan.arrowY0(i), plan.arrowY1(i)}).toList();
    }
}
