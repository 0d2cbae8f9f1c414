package dev.lockscope.app.lab;

import dev.lockscope.run.SavePoint;
import dev.lockscope.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.concurrent.Task;
import javafx.scene.image.WritableImage;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/**
 * Writes what is open to files: File ▸ Save trace, Record live run, and the exports (Perfetto JSON, intervals as
 * CSV, the timeline as PNG).
 *
 * <p>Files are written off the FX thread on the {@code background} executor, atomically where the writer allows.
 * A live run is cut after its current instant ({@link SavePoint}) and keeps running; the exports read a trace saved
 * that way, so an export and a saved trace of the same moment always agree. A failure is reported and changes
 * nothing. A saved or recorded trace joins the recent files.
 */
public final class RunSaver {
    private final Stage stage;
    private final LabModel model;
    private final LabSettings settings;
    private final Executor background;
    private final ErrorReporter errors;
    private final FileChoosers choosers;

    RunSaver(Stage stage, LabModel model, LabSettings settings, Executor background, ErrorReporter errors,
            FileChoosers choosers) {
        this.stage = stage;
        this.model = model;
        this.settings = settings;
        this.background = background;
        this.errors = errors;
        this.choosers = choosers;
    }

    void chooseAndSave() {
        choosers.save("Save trace", runName() + ".jsonl.gz",
                new FileChooser.ExtensionFilter("Compressed trace (*.jsonl.gz)", "*.jsonl.gz"),
                new FileChooser.ExtensionFilter("Trace (*.jsonl)", "*.jsonl")).ifPresent(this::saveTrace);
    }

    /**
     * Saves what is open as a trace, atomically, off the FX thread. A live run is cut after its current instant
     * ({@link SavePoint}); it keeps running.
     */
    public Task<Integer> saveTrace(Path file) {
        var point = model.savePoint();
        Task<Integer> task = new Task<>() {
            @Override
            protected Integer call() throws IOException, InterruptedException, ExecutionException {
                SavePoint p = point.get();
                p.writeTo(file);
                return p.events();
            }
        };
        task.setOnSucceeded(e -> {
            settings.addRecent(file);
            model.messageProperty().set(String.format("Saved %,d events to %s", task.getValue(), file));
        });
        task.setOnFailed(e -> errors.show("Cannot save trace", task.getException()));
        background.execute(task);
        return task;
    }

    void chooseAndExport(ExportFormat format) {
        choosers.save("Export " + format.description(), runName() + format.suffix(),
                new FileChooser.ExtensionFilter(format.description(), format.glob()))
                .ifPresent(file -> exportTrace(format, file));
    }

    /**
     * Exports what is open, off the FX thread: the run is saved to a temporary trace (a live run is cut after its
     * current instant, as Save does) and the exporter reads that, so exports and saved traces always agree.
     */
    public Task<Path> exportTrace(ExportFormat format, Path target) {
        var point = model.savePoint();
        Task<Path> task = new Task<>() {
            @Override
            protected Path call() throws Exception {
                Path temp = Files.createTempFile("lockscope-export-", ".jsonl");
                try {
                    point.get().writeTo(temp);
                    format.export(temp, target);
                    return target;
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
        };
        task.setOnSucceeded(e -> model.messageProperty().set("Exported " + target));
        task.setOnFailed(e -> errors.show("Cannot export", task.getException()));
        background.execute(task);
        return task;
    }

    /** Asks for a file and records the live run to it as it runs (flushed as it goes). */
    void chooseAndRecord() {
        choosers.save("Record live run to", runName() + "-recording.jsonl.gz",
                new FileChooser.ExtensionFilter("Compressed trace (*.jsonl.gz)", "*.jsonl.gz")).ifPresent(file ->
                model.startRecording(file).whenComplete((p, err) -> Platform.runLater(() -> {
                    if (err != null) {
                        errors.show("Cannot record", err);
                    } else {
                        settings.addRecent(file);
                        model.messageProperty().set("Recording to " + file + " (flushed as it runs)");
                    }
                })));
    }

    /** Asks for a file and writes the timeline's picture ({@code picture} draws it) to it as PNG. */
    void chooseAndExportPng(java.util.function.Supplier<WritableImage> picture) {
        // Unlike the trace dialogs, this one has always started in the platform's default folder.
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export timeline as PNG");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        chooser.setInitialFileName("timeline.png");
        java.io.File f = chooser.showSaveDialog(stage);
        if (f != null) {
            exportPng(picture.get(), f.toPath());
        }
    }

    /** Writes {@code image} as PNG; its pixels are read here, encoded off the FX thread. */
    public Task<Path> exportPng(WritableImage image, Path file) {
        int[] pixels = Png.pixels(image);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        Task<Path> task = new Task<>() {
            @Override
            protected Path call() throws IOException {
                Png.write(pixels, w, h, file);
                return file;
            }
        };
        task.setOnSucceeded(e -> model.messageProperty().set("Exported " + file + " (" + w + " × " + h + ")"));
        task.setOnFailed(e -> errors.show("Cannot export", task.getException()));
        background.execute(task);
        return task;
    }

    /** The open run's scenario name, the start of every proposed file name. */
    private String runName() {
        Scenario s = model.scenarioProperty().get();
        return s == null ? "run" : s.name();
    }
}
