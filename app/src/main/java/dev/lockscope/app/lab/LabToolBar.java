package dev.lockscope.app.lab;

import dev.lockscope.run.LiveRun;
import dev.lockscope.run.Speed;
import dev.lockscope.util.Millis;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;

/**
 * The lab's toolbar (id {@code labToolbar}): play and step, previous and next alert, the speed, reset, the mode
 * (LIVE, REPLAY, ENDED...), the time, the replay scrubber and What if. Everything is bound to the {@link LabModel};
 * the replay-only controls are disabled, or hidden, live. Tooltips name the keys from the {@link KeyMap}.
 */
final class LabToolBar extends ToolBar {
    private final LabModel model;

    LabToolBar(LabModel model, RunControls run) {
        this.model = model;
        setId("labToolbar");
        Button play = button("playButton", "Play or pause (" + keys(KeyMap.Action.PLAY_PAUSE) + ")", model::togglePlay);
        play.textProperty().bind(Bindings.when(model.playingProperty()).then("❚❚ Pause").otherwise("▶ Play"));
        play.setMinWidth(Region.USE_PREF_SIZE);
        Button step = button("stepButton", "Step to the next event (" + keys(KeyMap.Action.STEP_EVENT) + ")",
                model::stepEvent);
        step.setText("Step");
        Button prevAlert = button("prevAlertButton",
                "Replay: jump to the previous alert (" + keys(KeyMap.Action.PREVIOUS_ALERT) + ")", run::previousAlert);
        prevAlert.setText("◀ Prev alert");
        prevAlert.disableProperty().bind(model.sourceProperty().isNotEqualTo(LabModel.Source.REPLAY));
        Button nextAlert = button("stepAlertButton",
                "Run (live) or jump (replay) to the next alert (" + keys(KeyMap.Action.NEXT_ALERT) + ")", run::nextAlert);
        nextAlert.setText("Next alert ▶");
        Button reset = button("resetButton",
                "Live: start the scenario again. Replay: back to the start (" + keys(KeyMap.Action.RESET) + ")", model::reset);
        reset.setText("⟲ Reset");
        Button whatIf = button("whatIfButton", "Continue live from the playhead: change anything in the room panel ("
                + keys(KeyMap.Action.WHAT_IF) + ")", () -> model.whatIf(Optional.empty()));
        whatIf.setText("What if from here");
        whatIf.visibleProperty().bind(model.sourceProperty().isEqualTo(LabModel.Source.REPLAY));
        // A real program's trace keeps the button, which says in the status bar why it cannot run.
        whatIf.tooltipProperty().bind(Bindings.when(model.whatIfAvailable()).then(whatIf.getTooltip())
                .otherwise(new Tooltip(LabModel.WHAT_IF_NEEDS_SIMULATION)));
        whatIf.managedProperty().bind(whatIf.visibleProperty());
        getItems().addAll(play, step, prevAlert, nextAlert, new Label("Speed"), speedChoice(), reset, modeLabel(),
                timeLabel(), scrubber(), whatIf);
    }

    private static Button button(String id, String tooltip, Runnable action) {
        Button b = new Button();
        b.setId(id);
        b.setOnAction(e -> action.run());
        b.setTooltip(new Tooltip(tooltip));
        return b;
    }

    private static String keys(KeyMap.Action action) {
        return KeyMap.keysOf(action);
    }

    private ComboBox<Speed> speedChoice() {
        ComboBox<Speed> speed = new ComboBox<>();
        speed.setId("speedChoice");
        speed.getItems().setAll(RunControls.SPEEDS);
        speed.valueProperty().bindBidirectional(model.speedProperty());
        speed.setConverter(new StringConverter<>() {
            @Override
            public String toString(Speed s) {
                return s == null ? "" : s.toString();
            }

            @Override
            public Speed fromString(String s) {
                return RunControls.SPEEDS.stream().filter(x -> x.toString().equals(s)).findFirst().orElse(Speed.REAL_TIME);
            }
        });
        speed.setTooltip(new Tooltip("Virtual seconds per wall second (" + keys(KeyMap.Action.SLOWER) + " slower, "
                + keys(KeyMap.Action.FASTER) + " faster)"));
        return speed;
    }

    private Label timeLabel() {
        Label time = new Label();
        time.setId("timeLabel");
        time.getStyleClass().add("time-label");
        time.textProperty().bind(Bindings.createStringBinding(
                () -> Millis.seconds(model.playheadProperty().get()) + " / " + Millis.seconds(model.durationProperty().get()),
                model.playheadProperty(), model.durationProperty()));
        return time;
    }

    /** LIVE, REPLAY or ENDED, with what the run does; styled {@code mode-live}, {@code mode-replay} or {@code mode-ended}. */
    private Label modeLabel() {
        Label mode = new Label();
        mode.setId("modeLabel");
        mode.getStyleClass().add("mode-label");
        mode.textProperty().bind(Bindings.createStringBinding(this::modeText, model.sourceProperty(),
                model.runModeProperty(), model.playingProperty(), model.recordingProperty(), model.attachedToProperty()));
        model.sourceProperty().addListener((o, old, s) -> styleMode(mode));
        model.runModeProperty().addListener((o, old, s) -> styleMode(mode));
        model.attachedToProperty().addListener((o, old, s) -> styleMode(mode));
        styleMode(mode);
        return mode;
    }

    private String modeText() {
        if (model.sourceProperty().get() == LabModel.Source.REPLAY) {
            return model.playingProperty().get() ? "REPLAY · playing" : "REPLAY";
        }
        String rec = model.recordingProperty().get() != null ? " · ● REC" : "";
        if (model.attachedToProperty().get() != null) {
            return switch (model.runModeProperty().get()) {
                case ENDED, FAILED -> "DETACHED" + rec;
                default -> "ATTACHED" + rec;
            };
        }
        return switch (model.runModeProperty().get()) {
            case PLAYING -> "LIVE" + rec;
            case SEEKING -> "LIVE · seeking" + rec;
            case PAUSED -> "LIVE · paused" + rec;
            case ENDED -> "ENDED";
            case FAILED -> "FAILED";
        };
    }

    private void styleMode(Label mode) {
        mode.getStyleClass().removeAll("mode-live", "mode-replay", "mode-ended");
        mode.getStyleClass().add(model.sourceProperty().get() == LabModel.Source.REPLAY ? "mode-replay"
                : model.runModeProperty().get() == LiveRun.Mode.ENDED || model.runModeProperty().get() == LiveRun.Mode.FAILED
                ? "mode-ended" : "mode-live");
    }

    /** Replay: moves the playhead; it follows the playhead both ways, and is disabled live. */
    private Slider scrubber() {
        Slider scrubber = new Slider(0, 1, 0);
        scrubber.setId("scrubber");
        scrubber.setMinWidth(120);
        HBox.setHgrow(scrubber, Priority.ALWAYS);
        scrubber.maxProperty().bind(Bindings.createDoubleBinding(() -> (double) model.durationProperty().get(),
                model.durationProperty()));
        // The playhead moves the knob; only a user's move of the knob moves the playhead back.
        boolean[] syncing = {false};
        model.playheadProperty().addListener((o, old, t) -> {
            syncing[0] = true;
            scrubber.setValue(t.doubleValue());
            syncing[0] = false;
        });
        scrubber.valueProperty().addListener((o, old, v) -> {
            if (!syncing[0] && model.sourceProperty().get() == LabModel.Source.REPLAY) {
                model.playheadProperty().set(v.longValue());
            }
        });
        scrubber.disableProperty().bind(model.sourceProperty().isNotEqualTo(LabModel.Source.REPLAY));
        scrubber.setTooltip(new Tooltip("Replay: drag to move the playhead (" + keys(KeyMap.Action.BACK_1S) + "/"
                + keys(KeyMap.Action.ON_1S) + " 1 s, Shift 10 s, " + keys(KeyMap.Action.TO_START) + "/"
                + keys(KeyMap.Action.TO_END) + ")"));
        return scrubber;
    }
}
