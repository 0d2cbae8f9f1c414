package dev.lockscope.app;

import dev.lockscope.app.lab.LabWindow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The lab as {@code mvn javafx:run} starts it, for TestFX tests that drive the real window. TestFX finds
 * {@code @Start} only on the test class itself, so tests call these from their own lifecycle methods.
 */
public final class LabFixture {
    private LabFixture() {}

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
}
