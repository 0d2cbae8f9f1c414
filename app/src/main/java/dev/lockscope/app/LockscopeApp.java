package dev.lockscope.app;

import dev.lockscope.app.lab.LabSettings;
import dev.lockscope.app.lab.LabWindow;
import dev.lockscope.scenario.BuiltinScenarios;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The lab. Opens the main window and starts the {@code article} scenario live at once, so the stall is on
 * screen within seconds. Settings live in {@code ~/.lockscope} (system property {@code lockscope.home}).
 */
public final class LockscopeApp extends Application {
    private LabWindow window;

    @Override
    public void start(Stage stage) {
        long started = System.nanoTime();
        window = new LabWindow(stage, LabSettings.load(LabSettings.defaultHome()));
        window.startLive(BuiltinScenarios.byName("article").orElseThrow());
        stage.show();
        Platform.runLater(() -> window.model().messageProperty().set(String.format(
                "Running article live — Eve (1.8 s latency) joins at 5 s and the room stalls. Window ready in %d ms. F1: shortcuts",
                (System.nanoTime() - started) / 1_000_000)));
    }

    /** The window, once started; for tests. */
    public LabWindow window() {
        return window;
    }

    public static void main(String[] args) {
        launch(args);
    }
}
