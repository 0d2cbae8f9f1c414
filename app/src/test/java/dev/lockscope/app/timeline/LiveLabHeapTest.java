package dev.lockscope.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.app.LabFixture;
import dev.lockscope.app.lab.LabWindow;
import dev.lockscope.app.timeline.impl.TraceCatalog;
import dev.lockscope.run.LiveRun;
import dev.lockscope.trace.store.TraceStore;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole lab (window, panels, timeline following the run) on the live {@code big-room}, run as fast as it goes
 * to 15 s and then to 30 s of virtual time (about 3 and 6 million events, a goroutine per four): the heap the lab
 * keeps levels off while the rows double, because the timeline's catalog pages what it keeps per goroutine as the
 * store pages its rows (docs/trace-store.md, "Paging"). Measured as core's {@code LivePagingTest} measures the
 * store: the catalog's own accounting of its chunks, and the JVM's heap after full GCs, at each point once the
 * timeline has read every row. Deterministic (the run stops at the given instants); nothing here is timed.
 */
@ExtendWith(ApplicationExtension.class)
class LiveLabHeapTest {
    private static final long S = 1_000_000_000L;

    @TempDir
    static Path home;

    private LabWindow window;

    @BeforeAll
    static void settings() throws Exception {
        LabFixture.settings(home, "window=0,0,1280,720");
        System.setProperty("lockscope.start", "big-room");
    }

    @Start
    void start(Stage stage) {
        window = LabFixture.start(stage);
        System.clearProperty("lockscope.start");
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(() -> window.model().shutdown());
    }

    @Test
    void theLabsHeapLevelsOffInALiveBigRoomAtMaxSpeed(FxRobot robot) throws Exception {
        LabFixture.awaitPanels(window);
        TimelineView timeline = robot.lookup("#timeline").queryAs(TimelineView.class);
        Measure first = runTo(robot, timeline, 15 * S);
        Measure second = runTo(robot, timeline, 30 * S);
        System.out.printf("live big-room in the lab:%n  %s%n  %s%n", first, second);

        int added = second.rows - first.rows;
        assertThat(first.rows).isGreaterThan(2_500_000);
        assertThat(added).isGreaterThan(2_500_000);
        TraceStore.Memory c = second.catalog;
        assertThat(c.pagingFailure()).isNull();
        // The catalog paged: a goroutine per four rows, 37 bytes each (lane slot 21, by id 12, in start order 4).
        assertThat(c.mappedBytes()).isGreaterThan(second.rows / 4L * 20);
        // On its heap: the chunks filled before it passed its budget, then one chunk per column being filled (five
        // per lane, ~500 lanes, a page each once their first chunks have grown): unpaged, the added goroutines
        // alone would take 37 bytes per four rows, 28 MB more.
        // Measured: 17.3 MB, then 1.0 MB more while the lanes' first byte chunks grow from 2 to 4 KB.
        assertThat(c.heapChunkBytes()).isLessThan(TraceCatalog.HEAP_BUDGET_BYTES + 16L * 1024 * 1024);
        assertThat(c.heapChunkBytes() - first.catalog.heapChunkBytes()).isLessThan(added / 2);
        // The whole JVM after full GCs (the lab, its store, the run): under 1.5 bytes per added event, against about
        // 9 when the catalog kept every goroutine on the heap. Measured: 0.94, most of it the first chunks of the
        // store's member tracks and of the lanes still filling (they stop at a page each).
        assertThat(second.heapAfterGc - first.heapAfterGc).isLessThan(added * 3L / 2);
    }

    /** Waits for {@code condition}: millions of events take a while on a loaded machine; the bound is no assertion. */
    private static void awaitLong(java.util.function.BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.MINUTES, condition::getAsBoolean);
    }

    private record Measure(int rows, TraceStore.Memory catalog, long heapAfterGc) {
        @Override
        public String toString() {
            return String.format("%,d rows: catalog chunks on heap %,d B, mapped %,d B; heap after GC %,d B", rows,
                    catalog.heapChunkBytes(), catalog.mappedBytes(), heapAfterGc);
        }
    }

    /** Runs the live run to {@code t} as fast as it goes, waits until the timeline has read it all, measures. */
    private Measure runTo(FxRobot robot, TimelineView timeline, long t) throws Exception {
        LiveRun run = window.model().liveRun();
        run.runTo(t);
        awaitLong(() -> run.snapshot().mode() == LiveRun.Mode.PAUSED && run.snapshot().nowNs() == t);
        int rows = run.snapshot().store().size();
        awaitLong(() -> {
            int[] scanned = new int[1];
            robot.interact(() -> scanned[0] = TimelineFx.skin(timeline).catalog().scanned());
            return scanned[0] == rows;
        });
        TraceStore.Memory[] catalog = new TraceStore.Memory[1];
        robot.interact(() -> catalog[0] = TimelineFx.skin(timeline).catalog().memory());
        System.gc();
        System.gc();
        return new Measure(rows, catalog[0], ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
}
