package dev.lockscope.app.timeline;

import dev.lockscope.app.LabFixture;
import dev.lockscope.app.lab.LabModel;
import dev.lockscope.app.lab.LabWindow;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Opens a large trace in the lab's real window (File → Open's action, at 1280 × 720) and times what the user waits
 * for: the load, the first frame after it, the frame once the timeline's catalog has read every row, then the
 * frames of a zoom from the whole trace down to 1 ms (÷8 a step) and of a scroll through time (a 1 s window, +0.5 s
 * a step), each the timeline's own build and paint of that frame; then the heap after a full GC and the peak of the
 * heap pools. A measurement, not a test: it asserts nothing and runs only with {@code -Dlockscope.hugeTrace=FILE}
 * (docs/benchmarks.md, "A 100 M-event trace in a 2 GB heap").
 */
@Tag("bench")
@EnabledIfSystemProperty(named = "lockscope.hugeTrace", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class HugeTraceLabBench {
    private static final int STEPS = 9;

    @TempDir
    static Path home;

    private LabWindow window;

    @BeforeAll
    static void settingsInATemporaryPlace() throws Exception {
        LabFixture.settings(home, "window=0,0,1280,720");
    }

    @Start
    void start(Stage stage) {
        window = LabFixture.start(stage);
    }

    @Test
    void openZoomAndScroll(FxRobot robot) throws Exception {
        LabFixture.awaitPanels(window);
        Path file = Path.of(System.getProperty("lockscope.hugeTrace"));
        TimelineView timeline = robot.lookup("#timeline").queryAs(TimelineView.class);
        TimelineSkin skin = TimelineFx.skin(timeline);
        LabModel model = window.model();

        long started = System.nanoTime();
        robot.interact(() -> window.opener().openTrace(file));
        await(() -> model.sourceProperty().get() == LabModel.Source.REPLAY && model.storeProperty().get() != null
                && model.storeProperty().get().size() > 0);
        long loaded = System.nanoTime();
        long framesAtLoad = LabFixture.onFx(() -> skin.frames);
        await(() -> LabFixture.onFx(() -> skin.frames) > framesAtLoad);
        long firstFrame = System.nanoTime();
        await(() -> LabFixture.onFx(() -> skin.catalogCaughtUp && skin.frames > framesAtLoad));
        long fullFrame = System.nanoTime();
        int events = LabFixture.onFx(() -> model.storeProperty().get().size());
        long now = LabFixture.onFx(() -> model.storeProperty().get().view().now());

        long mid = now / 2 / 10_000_000L * 10_000_000L;
        StringBuilder zoom = new StringBuilder();
        int k = 0;
        for (long span = now + now / 25; span >= 1_000_000L && k < STEPS; span /= 8, k++) {
            long t0 = Math.max(0, mid - span / 2);
            long t1 = t0 + span;
            zoom.append(String.format(Locale.ROOT, " %.1f", frameAfter(robot, skin, () -> timeline.showRange(t0, t1))));
        }
        StringBuilder scroll = new StringBuilder();
        for (int i = 0; i < STEPS; i++) {
            long t0 = mid + i * 500_000_000L;
            scroll.append(String.format(Locale.ROOT, " %.1f", frameAfter(robot, skin, () -> timeline.showRange(t0, t0 + 1_000_000_000L))));
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        String report = String.format(Locale.ROOT,
                "%s in the lab's window: %,d events, %.1f s virtual%n"
                        + "load %.1f s; first frame after it %.2f s; frame with the catalog caught up %.1f s after the open%n"
                        + "zoom frames (whole trace .. 1 ms, /8 each), build + paint:%s ms%n"
                        + "scroll frames (1 s window, +0.5 s each), build + paint:%s ms%n"
                        + "heap: max %.0f MB, in use after a full GC %.0f MB, sum of pool peaks %.0f MB%n",
                file, events, now / 1e9, (loaded - started) / 1e9, (firstFrame - loaded) / 1e9,
                (fullFrame - started) / 1e9, zoom, scroll, Runtime.getRuntime().maxMemory() / 1e6, used / 1e6,
                peak / 1e6);
        System.out.print(report);
        Path out = Path.of("target", "huge-trace-lab.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        robot.interact(model::shutdown);
    }

    /** Runs {@code change} on the FX thread and returns the build + paint of the frame it causes, in ms. */
    private static double frameAfter(FxRobot robot, TimelineSkin skin, Runnable change) throws Exception {
        long before = LabFixture.onFx(() -> skin.frames);
        robot.interact(change);
        await(() -> LabFixture.onFx(() -> skin.frames) > before);
        return LabFixture.onFx(() -> (skin.lastBuildNanos + skin.lastPaintNanos) / 1e6);
    }

    private static void await(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.MINUTES, condition::getAsBoolean);
    }
}
