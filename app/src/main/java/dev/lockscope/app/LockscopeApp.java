package dev.lockscope.app;

import dev.lockscope.app.lab.LabSettings;
import dev.lockscope.app.lab.LabWindow;
import dev.lockscope.lesson.BuiltinLessons;
import dev.lockscope.lesson.Lesson;
import dev.lockscope.scenario.BuiltinScenarios;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Optional;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The lab. Opens the main window and starts the {@code article} scenario live at once, so the stall is on
 * screen within seconds. Settings live in {@code ~/.lockscope} (system property {@code lockscope.home}); the
 * system property {@code lockscope.start} names another built-in scenario, or {@code lesson:NAME} to present a
 * built-in lesson; {@code lockscope.open} names a file to open instead (a trace, a scenario or a JFR recording;
 * relative to {@code lockscope.cwd}, the folder Maven was started in, when given).
 */
public final class LockscopeApp extends Application {
    private LabWindow window;

    @Override
    public void start(Stage stage) {
        window = new LabWindow(stage, LabSettings.load(LabSettings.defaultHome()));
        Optional<Path> open = fileToOpen();
        if (open.isPresent()) {
            stage.show();
            window.opener().openFile(open.get());
            reportStartup("Opening " + open.get().getFileName() + ".");
            return;
        }
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
        reportStartup(what);
    }

    /** The file {@code -Dlockscope.open} names, resolved against {@code -Dlockscope.cwd}; empty when none is given. */
    static Optional<Path> fileToOpen() {
        String open = System.getProperty("lockscope.open", "").strip();
        if (open.isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(open);
        String cwd = System.getProperty("lockscope.cwd", "").strip();
        return Optional.of(path.isAbsolute() || cwd.isEmpty() ? path : Path.of(cwd).resolve(path));
    }

    /**
     * Reports how long the start took, from the JVM's launch, in the status bar and on standard output (for
     * tools/startup-time.sh): to the first frame (handed to the renderer), and to the whole window with its
     * side panels (the start of the pulse after the one that styled them, which waits for their frame).
     */
    private void reportStartup(String what) {
        new AnimationTimer() {
            private int stylingPulse;
            private int pulses;

            @Override
            public void handle(long now) {
                pulses++;
                if (stylingPulse == 0 && window.panelsReadyProperty().get()) {
                    stylingPulse = pulses; // this pulse styles and lays out the panels
                } else if (stylingPulse > 0 && pulses > stylingPulse) {
                    stop();
                    String timing = String.format("First frame %d ms after launch, whole window %d ms.",
                            window.firstFrameUptimeMs(), ManagementFactory.getRuntimeMXBean().getUptime());
                    System.out.println("lockscope: " + timing);
                    window.model().messageProperty().set(what + " " + timing + " F1: shortcuts");
                }
            }
        }.start();
    }

    /** The window, once started; for tests. */
    public LabWindow window() {
        return window;
    }
}
