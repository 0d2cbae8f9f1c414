package dev.lockscope.app;

import dev.lockscope.app.lab.LabSettings;
import dev.lockscope.app.lab.LabWindow;
import dev.lockscope.lesson.BuiltinLessons;
import dev.lockscope.lesson.Lesson;
import dev.lockscope.scenario.BuiltinScenarios;
import java.util.Optional;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The lab. Opens the main window and starts the {@code article} scenario live at once, so the stall is on
 * screen within seconds. Settings live in {@code ~/.lockscope} (system property {@code lockscope.home}); the
 * system property {@code lockscope.start} names another built-in scenario, or {@code lesson:NAME} to present a
 * built-in lesson.
 */
public final class LockscopeApp extends Application {
    private LabWindow window;

    @Override
    public void start(Stage stage) {
        long started = System.nanoTime();
        window = new LabWindow(stage, LabSettings.load(LabSettings.defaultHome()));
        String start = System.getProperty("lockscope.start", "article");
        var lesson = start.startsWith("lesson:") ? BuiltinLessons.byName(start.substring(7)) : Optional.<Lesson>empty();
        var scenario = BuiltinScenarios.byName(start);
        if (lesson.isPresent()) {
            window.startLesson(lesson.get());
        } else {
            window.startLive(scenario.orElseGet(() -> BuiltinScenarios.byName("article").orElseThrow()));
        }
        stage.show();
        String what = lesson.map(l -> "Presenting the lesson \"" + l.name() + "\" — Page Down goes on.")
                .orElse(scenario.isPresent() && !start.equals("article") ? "Running " + start + " live."
                        : "Running article live — Eve (1.8 s latency) joins at 5 s and the room stalls.");
        // The first pulse after show() is the first frame on screen; JVM uptime counts from the launch.
        new javafx.animation.AnimationTimer() {
            @Override
            public void handle(long now) {
                stop();
                long sinceLaunch = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
                window.model().messageProperty().set(String.format(
                        "%s First frame %d ms after launch (window built in %d ms). F1: shortcuts", what, sinceLaunch,
                        (System.nanoTime() - started) / 1_000_000));
            }
        }.start();
    }

    /** The window, once started; for tests. */
    public LabWindow window() {
        return window;
    }

    public static void main(String[] args) {
        launch(args);
    }
}
