package dev.lockscope.app.lab;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.Command;
import dev.lockscope.model.Strategy;
import dev.lockscope.run.Speed;
import java.util.List;
import java.util.function.Consumer;

/**
 * The moves on the open run that take more than one call on the {@link LabModel}, shared by the keys, the Run menu
 * and the toolbar: speed a step up or down {@link #SPEEDS}, the replay's playhead nudged or sent to an end,
 * alerts in turn, and the broadcast strategy.
 *
 * <p>Rules: the speed stays on the ladder (a speed not on it counts as {@code 1×}); playhead moves apply to a
 * replay only and are clamped to {@code [0, duration]}; an alert reached is handed to {@code selectAlert}, which
 * shows it everywhere.
 */
final class RunControls {
    /** The toolbar's speeds, slowest first: virtual seconds per wall second. */
    static final List<Speed> SPEEDS = List.of(Speed.of(0.1), Speed.of(0.25), Speed.of(0.5), Speed.of(1), Speed.of(2),
            Speed.of(5), Speed.of(10), Speed.of(25), Speed.of(50), Speed.of(100), Speed.MAX);
    private static final int REAL_TIME_INDEX = 3;

    private final LabModel model;
    private final Consumer<TraceEvent.Alert> selectAlert;

    RunControls(LabModel model, Consumer<TraceEvent.Alert> selectAlert) {
        this.model = model;
        this.selectAlert = selectAlert;
    }

    /** Live: runs on to the next alert; replay: jumps to it. */
    void nextAlert() {
        model.nextAlert().ifPresent(selectAlert);
    }

    /** Replay: jumps back to the previous alert. */
    void previousAlert() {
        model.previousAlert().ifPresent(selectAlert);
    }

    /** One step up ({@code +1}) or down ({@code -1}) the speed ladder, stopping at its ends. */
    void changeSpeed(int direction) {
        int i = SPEEDS.indexOf(model.speedProperty().get());
        int next = Math.max(0, Math.min(SPEEDS.size() - 1, (i < 0 ? REAL_TIME_INDEX : i) + direction));
        model.speedProperty().set(SPEEDS.get(next));
    }

    void maxSpeed() {
        model.speedProperty().set(Speed.MAX);
    }

    /** Asks the live run to switch to {@code s}. */
    void strategy(Strategy s) {
        model.post(new Command.SetStrategy(s));
    }

    /** Replay: moves the playhead by {@code deltaNs}. */
    void nudge(long deltaNs) {
        if (model.sourceProperty().get() == LabModel.Source.REPLAY) {
            seekReplay(model.playheadProperty().get() + deltaNs);
        }
    }

    /** Replay: moves the playhead to the start. */
    void toStart() {
        seekReplay(0);
    }

    /** Replay: moves the playhead to the end. */
    void toEnd() {
        seekReplay(model.durationProperty().get());
    }

    private void seekReplay(long t) {
        if (model.sourceProperty().get() == LabModel.Source.REPLAY) {
            model.playheadProperty().set(Math.max(0, Math.min(model.durationProperty().get(), t)));
        }
    }
}
