package dev.lockscope.app.lab;

import dev.lockscope.app.replay.TraceLoadTask;
import dev.lockscope.derive.ScenarioDeriver;
import dev.lockscope.io.AtomicOutput;
import dev.lockscope.io.InputException;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.run.AttachedRun;
import dev.lockscope.scenario.BuiltinScenarios;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.scenario.ScenarioJson;
import dev.lockscope.trace.store.TraceView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.TransferMode;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/**
 * Opens what the lab shows: a scenario ({@code .json}) runs live, a trace (anything else) is replayed. Files come
 * from File ▸ Open, the sample and recent menus, or a drop on the window; built-in scenarios from File ▸ New.
 *
 * <p>Files are read off the FX thread on the {@code background} executor; a bad file is reported and what was
 * open stays. A file read successfully joins the recent files. At most one trace loads at a time: opening another
 * cancels the first, and {@link #loadingProperty()} is the load under way, or {@code null}.
 */
public final class FileOpener {
    private final Stage stage;
    private final LabModel model;
    private final LabSettings settings;
    private final Executor background;
    private final ErrorReporter errors;
    private final FileChoosers choosers;
    private final ReadOnlyObjectWrapper<Task<?>> loading = new ReadOnlyObjectWrapper<>(this, "loading");

    FileOpener(Stage stage, LabModel model, LabSettings settings, Executor background, ErrorReporter errors,
            FileChoosers choosers) {
        this.stage = stage;
        this.model = model;
        this.settings = settings;
        this.background = background;
        this.errors = errors;
        this.choosers = choosers;
    }

    /** Starts {@code scenario} live, playing. */
    public void startLive(Scenario scenario) {
        try {
            model.startLive(scenario, true);
            model.messageProperty().set("Running " + scenario.name() + " live");
        } catch (InputException e) {
            errors.show("Cannot run " + scenario.name(), e.getMessage());
        }
    }

    /** Asks which built-in scenario to run, and runs it live. */
    void newFromBuiltin() {
        List<String> names = BuiltinScenarios.names();
        ChoiceDialog<String> dialog = new ChoiceDialog<>(names.getFirst(), names);
        dialog.initOwner(stage);
        dialog.setTitle("New run");
        dialog.setHeaderText("Run a built-in scenario live");
        dialog.setContentText("Scenario");
        dialog.setOnHidden(e -> {
            String name = dialog.getResult();
            if (name != null) {
                BuiltinScenarios.byName(name).ifPresent(this::startLive);
            }
        });
        dialog.show();
    }

    void chooseAndOpenScenario() {
        choosers.open("Open scenario", new FileChooser.ExtensionFilter("Scenario (*.json)", "*.json"), allFiles())
                .ifPresent(this::openScenario);
    }

    void chooseAndOpenTrace() {
        choosers.open("Open trace", new FileChooser.ExtensionFilter("Trace or JFR recording (*.jsonl, *.jsonl.gz, *.gz, *.jfr)", "*.jsonl", "*.gz", "*.jfr"),
                allFiles()).ifPresent(this::openTrace);
    }

    private static FileChooser.ExtensionFilter allFiles() {
        return new FileChooser.ExtensionFilter("All files", "*");
    }

    /** Opens a scenario ({@code .json}) to run live, or a trace (anything else) to replay; off the FX thread. */
    public void openFile(Path file) {
        if (isScenarioName(file)) {
            openScenario(file);
        } else {
            openTrace(file);
        }
    }

    /** Asks for the port a tracked program serves its events on, then attaches to it (docs/attach.md). */
    void chooseAndAttach() {
        TextInputDialog dialog = new TextInputDialog(settings.lastAttachPort());
        dialog.initOwner(stage);
        dialog.setTitle("Attach to a running program");
        dialog.setHeaderText("A program traced with Lockscope's tracking locks can stream its events to the lab.\n"
                + "JVM: -Dlockscope.serve=PORT    Go: lockscope.Serve(\"127.0.0.1:PORT\")");
        dialog.setContentText("Port on 127.0.0.1:");
        dialog.showAndWait().map(String::strip).filter(s -> !s.isEmpty()).ifPresent(text -> {
            try {
                int port = Integer.parseInt(text);
                settings.setLastAttachPort(text);
                attach(port);
            } catch (NumberFormatException e) {
                errors.show("Cannot attach", "Expected a port number from 1 to 65535, got \"" + text + "\".");
            }
        });
    }

    /** Connects off the FX thread to a program serving on {@code port} of this machine, then shows it live. */
    public void attach(int port) {
        Task<AttachedRun> task = new Task<>() {
            @Override
            protected AttachedRun call() throws InputException {
                return AttachedRun.connect(port);
            }
        };
        task.setOnSucceeded(e -> model.attach(task.getValue()));
        task.setOnFailed(e -> errors.show("Cannot attach", task.getException()));
        model.messageProperty().set("Attaching to 127.0.0.1:" + port + "…");
        background.execute(task);
    }

    /**
     * Makes a scenario from what is open (docs/derive.md): asks where to save it, derives it off the FX thread
     * from a snapshot of the store, saves it, and runs it live, so that every what-if applies.
     */
    void deriveScenario() {
        var store = model.storeProperty().get();
        if (store == null) {
            return;
        }
        TraceView view = store.view();
        String name = model.statusProperty().get() == null ? "trace" : model.statusProperty().get().scenario();
        LockSemantics policy = model.scenarioProperty().get() == null ? LockSemantics.GO_RWMUTEX
                : model.scenarioProperty().get().lock();
        choosers.save("Save the scenario made from " + name, name + "-derived.json",
                new FileChooser.ExtensionFilter("Scenario (*.json)", "*.json")).ifPresent(target -> {
            Task<Path> task = new Task<>() {
                @Override
                protected Path call() throws Exception {
                    ScenarioDeriver deriver = new ScenarioDeriver(name, policy);
                    for (int row = 0; row < view.size(); row++) {
                        deriver.accept(view.event(row));
                    }
                    Scenario derived = deriver.scenario(name + "-derived");
                    AtomicOutput.write(target, out -> {
                        out.write((ScenarioJson.toJson(derived) + "\n").getBytes(StandardCharsets.UTF_8));
                        return null;
                    });
                    return target;
                }
            };
            task.setOnSucceeded(e -> openScenario(task.getValue()));
            task.setOnFailed(e -> errors.show("Cannot make a scenario", task.getException()));
            model.messageProperty().set("Making a scenario from " + name + "…");
            background.execute(task);
        });
    }

    static boolean isScenarioName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") && !name.endsWith(".jsonl");
    }

    /** Reads a scenario file off the FX thread and runs it live; a bad file gives an error dialog. */
    public void openScenario(Path file) {
        Task<Scenario> task = new Task<>() {
            @Override
            protected Scenario call() throws InputException {
                return ScenarioJson.read(file);
            }
        };
        task.setOnSucceeded(e -> {
            settings.addRecent(file);
            startLive(task.getValue());
        });
        task.setOnFailed(e -> errors.show("Cannot open scenario", task.getException()));
        model.messageProperty().set("Reading " + file.getFileName() + "…");
        background.execute(task);
    }

    /** Reads a trace off the FX thread (its progress is {@link #loadingProperty()}), then replays it. */
    public void openTrace(Path file) {
        cancelLoading();
        TraceLoadTask task = new TraceLoadTask(file);
        loading.set(task);
        model.messageProperty().set("Opening " + file.getFileName() + "…");
        task.setOnSucceeded(e -> {
            endLoading(task);
            settings.addRecent(file);
            model.openTrace(task.getValue());
        });
        task.setOnFailed(e -> {
            endLoading(task);
            errors.show("Cannot open trace", task.getException());
        });
        task.setOnCancelled(e -> {
            endLoading(task);
            model.messageProperty().set("Stopped opening " + file.getFileName() + "; kept what was open");
        });
        background.execute(task);
    }

    /** The trace being read, or {@code null}: the status bar shows its progress and a Cancel button meanwhile. */
    public ReadOnlyObjectProperty<Task<?>> loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Stops reading the trace being read, if any; what was open stays. */
    void cancelLoading() {
        if (loading.get() != null) {
            loading.get().cancel();
        }
    }

    private void endLoading(Task<?> task) {
        if (loading.get() == task) {
            loading.set(null);
        }
    }

    /** Most recent first (File ▸ Open recent). */
    List<Path> recentFiles() {
        return settings.recentFiles();
    }

    /** A file dropped anywhere on {@code scene} is opened (the first, when several are dropped). */
    void acceptDrops(Scene scene) {
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            var files = e.getDragboard().getFiles();
            boolean ok = files != null && !files.isEmpty();
            if (ok) {
                openFile(files.getFirst().toPath());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }
}
