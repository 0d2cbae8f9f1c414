package dev.lockscope.app;

import dev.lockscope.app.lab.LabWindow;
import dev.lockscope.run.LiveRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The lab as {@code mvn javafx:run} starts it, for TestFX tests that drive the real window. TestFX finds
 * {@code @Start} only on the test class itself, so tests call these from their own lifecycle methods.
 */
public final class LabFixture {
    private LabFixture() {}

    /**
     * Makes a settings directory under {@code home} with {@code lines} in its settings file, and points the lab at it
     * (the system property {@code lockscope.home}); call from a test's {@code @BeforeAll}.
     */
    public static Path settings(Path home, String... lines) throws IOException {
        Path dir = Files.createDirectories(home.resolve("settings"));
        Files.writeString(dir.resolve("settings.properties"), String.join("\n", lines) + "\n");
        System.setProperty("lockscope.home", dir.toString());
        return dir;
    }

    /** Starts the lab on {@code stage} (FX thread: from a test's {@code @Start}). */
    public static LabWindow start(Stage stage) {
        LockscopeApp app = new LockscopeApp();
        app.start(stage);
        return app.window();
    }

    /** Waits until the side panels, which join one pulse after the first frame, are in the window. */
    public static void awaitPanels(LabWindow window) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.panelsReadyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits (up to 30 s, never as an assertion of speed) until {@code condition} holds, then for the FX queue. */
    public static void waitFor(BooleanSupplier condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Restarts the window's live run and runs it to {@code t}, paused, until the panels show that instant. */
    public static void liveFromStartTo(LabWindow window, long t) throws TimeoutException {
        LiveRun run = window.model().liveRun();
        run.pause();
        run.reset();
        run.runTo(t);
        waitFor(() -> run.snapshot().mode() == LiveRun.Mode.PAUSED && run.snapshot().nowNs() == t
                && window.model().statusProperty().get() != null && window.model().statusProperty().get().nowNs() == t);
    }

    /** {@code read} on the FX thread, where the window's state is read; fails the test if it does not answer in 5 s. */
    public static <T> T onFx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
