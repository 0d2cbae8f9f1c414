package dev.lockscope.bench;

import dev.lockscope.app.timeline.impl.FramePlan;
import dev.lockscope.app.timeline.impl.Metrics;
import dev.lockscope.app.timeline.impl.RowLayout;
import dev.lockscope.app.timeline.impl.TraceCatalog;
import dev.lockscope.app.timeline.impl.Viewport;
import dev.lockscope.trace.TraceReader;
import dev.lockscope.trace.store.TraceStore;
import dev.lockscope.trace.store.TraceView;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

/**
 * Opens a large trace as the lab does, without a window, and times what a first frame, a scroll and a zoom cost:
 * {@link TraceReader#load} into a paging {@link TraceStore}, the {@link TraceCatalog} caught up, and the
 * {@link FramePlan} of a 1600 &times; 1000 frame (everything the skin computes before it draws on the canvas).
 * Prints wall times, the heap in use after a full GC and the peak of every heap pool (from the JVM's pool
 * statistics, so the peak between GCs counts too), and what the store keeps where.
 *
 * <pre>java -Xmx2g -cp bench/target/benchmarks.jar dev.lockscope.bench.HugeTrace TRACE [PAGING-FOLDER]</pre>
 */
public final class HugeTrace {
    private static final int REPEAT = 9;

    private HugeTrace() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Path folder = args.length > 1 ? Path.of(args[1]) : Path.of(System.getProperty("java.io.tmpdir"));
        long started = System.nanoTime();
        TraceStore store = new TraceStore(TraceStore.DEFAULT_BUCKET_SHIFT, folder);
        TraceReader.load(file, store);
        long loaded = System.nanoTime();
        TraceView view = store.view();
        TraceCatalog catalog = new TraceCatalog();
        catalog.update(view, Long.MAX_VALUE);
        RowLayout layout = RowLayout.build(catalog, Set.of(), 1);
        long cataloged = System.nanoTime();
        FramePlan plan = new FramePlan();
        plan.build(view, catalog, layout, frame(view, -view.now() / 50, view.now() + view.now() / 50, 0));
        long first = System.nanoTime();
        System.out.printf("%s: %,d events, %.1f s virtual, %,d lanes%n", file, view.size(), view.now() / 1e9,
                catalog.laneCount());
        System.out.printf("load %.1f s, catalog %.2f s, first frame plan %.0f ms: first frame after %.1f s%n",
                (loaded - started) / 1e9, (cataloged - loaded) / 1e9, (first - cataloged) / 1e6, (first - started) / 1e9);

        double membersY = 0;
        for (RowLayout.Row row : layout.rows()) {
            if (row.type() == RowLayout.Type.SECTION && row.label().equals("Members")) {
                membersY = row.y();
            }
        }
        long mid = view.now() / 2 / 10_000_000L * 10_000_000L;
        long all = view.now() + view.now() / 25;
        // zoom: the frames of a wheel zoom from everything down to 1 ms around mid-trace, a factor of 2 per frame
        double[] zoom = new double[REPEAT];
        int k = 0;
        for (long span = all; span >= 1_000_000L && k < REPEAT; span /= 8, k++) {
            long t0 = Math.max(-view.now() / 50, mid - span / 2);
            zoom[k] = time(plan, view, catalog, layout, frame(view, t0, t0 + span, 0));
        }
        // scroll: 1 s windows, moving by a screen down the rows and by half a window in time
        double[] scroll = new double[REPEAT];
        for (int i = 0; i < REPEAT; i++) {
            long t0 = mid + i * 500_000_000L;
            scroll[i] = time(plan, view, catalog, layout, frame(view, t0, t0 + 1_000_000_000L, membersY + i * 900));
        }
        System.out.printf("zoom frames (all .. 1 ms, /8 each): %s ms%n", ms(Arrays.copyOf(zoom, k)));
        System.out.printf("scroll frames (1 s window, a screen down, +0.5 s each): %s ms%n", ms(scroll));

        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        TraceStore.Memory m = store.memory();
        System.out.printf("heap: max %.0f MB, in use after GC %.0f MB, sum of pool peaks %.0f MB%n",
                Runtime.getRuntime().maxMemory() / 1e6, used / 1e6, peak / 1e6);
        System.out.printf("store: chunks on heap %.1f MB, mapped %.0f MB, %,d chunks paged, failure %s%n",
                m.heapChunkBytes() / 1e6, m.mappedBytes() / 1e6, m.spilledChunks(), m.pagingFailure());
        TraceStore.Memory c = catalog.memory();
        System.out.printf("catalog: chunks on heap %.1f MB, mapped %.0f MB, %,d chunks paged, failure %s%n",
                c.heapChunkBytes() / 1e6, c.mappedBytes() / 1e6, c.spilledChunks(), c.pagingFailure());
    }

    private static FramePlan.Frame frame(TraceView view, long t0, long t1, double scrollY) {
        Metrics m = new Metrics(1);
        return new FramePlan.Frame(new Viewport(t0, t1, 1600 - m.gutter()), m.gutter(), 0, m.axisHeight(),
                1000 - m.legendHeight(), scrollY, 1, view.now(), true, -1, -1, -1, FramePlan.Highlight.NONE);
    }

    private static double time(FramePlan plan, TraceView view, TraceCatalog catalog, RowLayout layout,
                               FramePlan.Frame frame) {
        long t = System.nanoTime();
        plan.build(view, catalog, layout, frame);
        return (System.nanoTime() - t) / 1e6;
    }

    private static String ms(double[] values) {
        StringBuilder out = new StringBuilder();
        for (double v : values) {
            out.append(out.isEmpty() ? "" : " ").append(String.format("%.1f", v));
        }
        return out.toString();
    }
}
