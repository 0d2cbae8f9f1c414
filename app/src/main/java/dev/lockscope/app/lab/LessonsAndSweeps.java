package dev.lockscope.app.lab;

import dev.lockscope.app.sweep.SweepView;
import dev.lockscope.io.InputException;
import dev.lockscope.lesson.Lesson;
import dev.lockscope.lesson.LessonJson;
import dev.lockscope.sweep.SweepJson;
import dev.lockscope.sweep.SweepSpec;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import javafx.concurrent.Task;
import javafx.scene.Scene;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/**
 * The Lessons menu's actions: presenting a lesson (built in, or from a file; docs/lessons.md) and running a sweep
 * file in its own Sweep window (docs/sweeps.md), whose points open their run back in the lab. Files are read off
 * the FX thread on the {@code background} executor; a bad file is reported and changes nothing.
 */
public final class LessonsAndSweeps {
    /** Where the repository keeps its sweep files, under the working directory or its parent. */
    static final String SWEEP_EXAMPLES = "docs/examples";

    private final Stage stage;
    private final LabModel model;
    private final Executor background;
    private final ErrorReporter errors;
    private final FileChoosers choosers;

    LessonsAndSweeps(Stage stage, LabModel model, Executor background, ErrorReporter errors, FileChoosers choosers) {
        this.stage = stage;
        this.model = model;
        this.background = background;
        this.errors = errors;
        this.choosers = choosers;
    }

    /** Starts a lesson live, in presentation mode. */
    public void startLesson(Lesson lesson) {
        try {
            model.startLesson(lesson);
            model.messageProperty().set("Presenting \"" + lesson.name() + "\": Page Down goes on, Page Up goes back");
        } catch (InputException e) {
            errors.show("Cannot start lesson", e.getMessage());
        }
    }

    void chooseAndOpenLesson() {
        choosers.open("lesson", "docs/examples", "Open lesson", new FileChooser.ExtensionFilter("Lesson (*.json)", "*.json"))
                .ifPresent(this::openLesson);
    }

    /** Reads a lesson file off the FX thread and starts it; a bad file shows the problem and changes nothing. */
    public Task<Lesson> openLesson(Path file) {
        Task<Lesson> task = new Task<>() {
            @Override
            protected Lesson call() throws InputException {
                return LessonJson.read(file);
            }
        };
        task.setOnSucceeded(e -> startLesson(task.getValue()));
        task.setOnFailed(e -> errors.show("Cannot open lesson", task.getException()));
        background.execute(task);
        return task;
    }

    void chooseAndRunSweep() {
        choosers.open("sweep", SWEEP_EXAMPLES, "Run sweep", new FileChooser.ExtensionFilter("Sweep (*.json)", "*.json"))
                .ifPresent(this::openSweep);
    }

    /** Reads a sweep file off the FX thread and opens the Sweep view on it; a point opens its run here. */
    public Task<SweepSpec> openSweep(Path file) {
        Task<SweepSpec> task = new Task<>() {
            @Override
            protected SweepSpec call() throws InputException {
                return SweepJson.read(file);
            }
        };
        task.setOnSucceeded(e -> showSweep(task.getValue()));
        task.setOnFailed(e -> errors.show("Cannot open sweep", task.getException()));
        background.execute(task);
        return task;
    }

    /** A window of its own, over the lab and styled like it, that starts running the sweep at once. */
    private void showSweep(SweepSpec spec) {
        SweepView view = new SweepView(spec, scenario -> {
            try {
                model.startLive(scenario, true);
                stage.toFront();
            } catch (InputException ex) {
                errors.show("Cannot run this cell", ex.getMessage());
            }
        });
        Stage window = new Stage();
        window.initOwner(stage);
        window.setTitle("Lockscope — sweep: " + spec.name());
        window.setScene(new Scene(view, 1200, 720));
        window.getScene().getStylesheets().setAll(stage.getScene().getStylesheets());
        window.show();
        view.start();
    }
}
