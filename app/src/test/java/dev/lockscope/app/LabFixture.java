package dev.lockscope.app;

import dev.lockscope.app.lab.LabWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
