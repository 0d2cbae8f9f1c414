package dev.lockscope.app.lab;

import dev.lockscope.model.Strategy;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What each {@link KeyMap.Action} does in one lab window, whether a key or a menu item asks for it. The switch is
 * exhaustive, so an action added to the key map does not compile until it does something here.
 */
final class LabActions {
    /**
     * What only the window can do, as it owns the layout and the focus: the help overlay, Escape (close the help,
     * leave a text field, or clear the timeline's selection), the timeline in the centre, closing.
     */
    record Window(Runnable toggleHelp, Runnable escape, Supplier<TimelineLink> timeline, Supplier<FindBar> find,
            Runnable quit) {}

    private final LabModel model;
    private final RunControls run;
    private final FileOpener opener;
    private final RunSaver saver;
    private final LabLook look;
    private final Window window;

    LabActions(LabModel model, RunControls run, FileOpener opener, RunSaver saver, LabLook look, Window window) {
        this.model = model;
        this.run = run;
        this.opener = opener;
        this.saver = saver;
        this.look = look;
        this.window = window;
    }

    /** Does {@code action}; on the FX thread. */
    void perform(KeyMap.Action action) {
        switch (action) {
            case PLAY_PAUSE -> model.togglePlay();
            case STEP_EVENT -> model.stepEvent();
            case NEXT_ALERT -> run.nextAlert();
            case PREVIOUS_ALERT -> run.previousAlert();
            case FASTER -> run.changeSpeed(1);
            case SLOWER -> run.changeSpeed(-1);
            case MAX_SPEED -> run.maxSpeed();
            case STRATEGY_SEQUENTIAL -> run.strategy(Strategy.SEQUENTIAL);
            case STRATEGY_GOROUTINE_PER_SEND -> run.strategy(Strategy.GOROUTINE_PER_SEND);
            case STRATEGY_PARALLEL_WAIT -> run.strategy(Strategy.PARALLEL_WAIT);
            case STRATEGY_SNAPSHOT -> run.strategy(Strategy.SNAPSHOT);
            case STRATEGY_MEMBER_QUEUE -> run.strategy(Strategy.MEMBER_QUEUE);
            case WHAT_IF -> model.whatIf(Optional.empty());
            case BACK_1S -> run.nudge(-1_000_000_000L);
            case ON_1S -> run.nudge(1_000_000_000L);
            case BACK_10S -> run.nudge(-10_000_000_000L);
            case ON_10S -> run.nudge(10_000_000_000L);
            case TO_START -> run.toStart();
            case TO_END -> run.toEnd();
            case FIT_TIMELINE -> window.timeline().get().fitAll();
            case ESCAPE -> window.escape().run();
            case FIND -> window.find().get().open();
            case FIND_NEXT -> window.find().get().next();
            case FIND_PREVIOUS -> window.find().get().previous();
            case LESSON_NEXT -> model.lessonNext();
            case LESSON_BACK -> model.lessonBack();
            case TOGGLE_HELP -> window.toggleHelp().run();
            case NEW_RUN -> opener.newFromBuiltin();
            case OPEN_SCENARIO -> opener.chooseAndOpenScenario();
            case OPEN_TRACE -> opener.chooseAndOpenTrace();
            case SAVE_TRACE -> saver.chooseAndSave();
            case RECORD -> saver.chooseAndRecord();
            case EXPORT_PNG -> saver.chooseAndExportPng(window.timeline().get()::exportImage);
            case RESET -> model.reset();
            case LARGER_TEXT -> look.scaleFont(1.1);
            case SMALLER_TEXT -> look.scaleFont(1 / 1.1);
            case NORMAL_TEXT -> look.setFontScale(1);
            case NEXT_THEME -> look.nextTheme();
            case QUIT -> window.quit().run();
        }
    }
}
