package dev.lockscope.app.lab;

import static javafx.scene.input.KeyCombination.SHIFT_DOWN;
import static javafx.scene.input.KeyCombination.SHORTCUT_DOWN;

import dev.lockscope.app.timeline.TimelineKey;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The lab's keyboard shortcuts, as one table of data: {@link #SHORTCUTS}. It is the only place a key is given a
 * meaning in the lab window. The help overlay lists it in its order; the menus take their accelerators and their
 * key hints from it; the window's key filter runs its plain keys; docs/lab.md's table describes it.
 *
 * <p>Each row is one key (or gesture) with who reacts to it ({@link Owner}), the {@link Action} it runs, the text
 * of its menu item if it has one, and one line for the help. Rows whose keys do the two halves of one thing (W and
 * S zoom in and out) share their description, and the help shows them as one line.
 *
 * <p>The timeline's own keys ({@link TimelineKey}) are rows here too, made from that table, so that the help and
 * docs/lab.md list every key the window reacts to; the window passes them on to the timeline wherever the focus is
 * (but in a text field). Escape is the window's: it closes the help or the find bar, leaves a text field, or else
 * clears the timeline's selection as the timeline's own Escape does.
 *
 * <p>Invariants, checked when the class loads: no two rows have the same keys; every action has a row, and at
 * most one of its rows a menu item; every {@link TimelineKey} has a row.
 */
final class KeyMap {
    private KeyMap() {}

    /** What a shortcut does; {@link LabActions} says how, for one window. */
    enum Action {
        PLAY_PAUSE, STEP_EVENT, NEXT_ALERT, PREVIOUS_ALERT, FASTER, SLOWER, MAX_SPEED,
        STRATEGY_SEQUENTIAL, STRATEGY_GOROUTINE_PER_SEND, STRATEGY_PARALLEL_WAIT, STRATEGY_SNAPSHOT,
        STRATEGY_MEMBER_QUEUE, WHAT_IF,
        BACK_1S, ON_1S, BACK_10S, ON_10S, TO_START, TO_END,
        FIT_TIMELINE, ESCAPE, FIND, FIND_NEXT, FIND_PREVIOUS, LESSON_NEXT, LESSON_BACK, TOGGLE_HELP,
        NEW_RUN, OPEN_SCENARIO, OPEN_TRACE, SAVE_TRACE, RECORD, EXPORT_PNG, RESET,
        LARGER_TEXT, SMALLER_TEXT, NORMAL_TEXT, NEXT_THEME, QUIT
    }

    /** Who reacts to a shortcut's keys. */
    enum Owner {
        /** The window's key filter, before any control: plain keys, ignored while the user types in a field. */
        WINDOW,
        /** A menu item's accelerator (the menus own these keys). */
        MENU,
        /** The window, on the character typed, whichever keys typed it; ignored while the user types in a field. */
        TYPED,
        /**
         * The timeline control ({@link TimelineKey}): it handles the key while it has the focus, and the window's
         * key filter passes the key on to it from anywhere else (but a text field). A row without a key
         * combination is a mouse gesture, listed for the help.
         */
        TIMELINE
    }

    /**
     * One row of the table.
     *
     * @param keys        as the help and docs show them: {@code "Shift+J"}, {@code "Ctrl+O"}, {@code "?"}
     * @param combination what is matched: by the lab, for {@link Owner#WINDOW} and {@link Owner#MENU} rows; by the
     *                    timeline, for a {@link Owner#TIMELINE} key ({@code null} for a gesture); {@code null} for a
     *                    {@link Owner#TYPED} row, matched on its character
     * @param owner       who reacts to the keys
     * @param action      what the lab runs; {@code null} only for a timeline key the lab just lists
     * @param menuText    the menu item's text, or {@code null} when no menu item runs the action
     * @param description the help's line
     */
    record Shortcut(String keys, KeyCombination combination, Owner owner, Action action, String menuText,
            String description) {
        Shortcut {
            Objects.requireNonNull(keys, "keys");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(description, "description");
            boolean matchedByLab = owner == Owner.WINDOW || owner == Owner.MENU;
            if (matchedByLab && combination == null || owner == Owner.TYPED && combination != null) {
                throw new IllegalArgumentException(keys + ": a " + owner + " row " + (matchedByLab ? "needs" : "has no")
                        + " key combination");
            }
            if (action == null && (owner != Owner.TIMELINE || menuText != null)) {
                throw new IllegalArgumentException(keys + ": a " + owner + " row or a menu item needs an action");
            }
            if (owner == Owner.MENU && menuText == null) {
                throw new IllegalArgumentException(keys + ": an accelerator needs its menu item");
            }
        }

        /** The menu item's text: its own, with the keys in brackets where they are not its accelerator. */
        String menuLabel() {
            return owner == Owner.MENU ? menuText : menuText + "  (" + keys + ")";
        }
    }

    private static final String STRATEGIES =
            "Strategy: sequential, goroutine-per-send, parallel-wait, snapshot, member-queue";

    /** The table, in the help's order. */
    static final List<Shortcut> SHORTCUTS = checked(List.of(
            window(key(KeyCode.SPACE), Action.PLAY_PAUSE, "Play / pause", "Play / pause"),
            window(key(KeyCode.N), Action.STEP_EVENT, "Step to next event", "Step to the next event"),
            window(key(KeyCode.J), Action.NEXT_ALERT, "Next alert", "Next / previous alert (live: run to the next)"),
            window(shift(KeyCode.J), Action.PREVIOUS_ALERT, "Previous alert", "Next / previous alert (live: run to the next)"),
            window(key(KeyCode.CLOSE_BRACKET), Action.FASTER, "Faster", "Faster / slower / max speed"),
            window(key(KeyCode.OPEN_BRACKET), Action.SLOWER, "Slower", "Faster / slower / max speed"),
            window(key(KeyCode.M), Action.MAX_SPEED, null, "Faster / slower / max speed"),
            window(key(KeyCode.DIGIT1), Action.STRATEGY_SEQUENTIAL, null, STRATEGIES),
            window(key(KeyCode.DIGIT2), Action.STRATEGY_GOROUTINE_PER_SEND, null, STRATEGIES),
            window(key(KeyCode.DIGIT3), Action.STRATEGY_PARALLEL_WAIT, null, STRATEGIES),
            window(key(KeyCode.DIGIT4), Action.STRATEGY_SNAPSHOT, null, STRATEGIES),
            window(key(KeyCode.DIGIT5), Action.STRATEGY_MEMBER_QUEUE, null, STRATEGIES),
            window(key(KeyCode.I), Action.WHAT_IF, "What if from here", "What if from here (replay)"),
            window(key(KeyCode.LEFT), Action.BACK_1S, null, "Replay: playhead back / on 1 s"),
            window(key(KeyCode.RIGHT), Action.ON_1S, null, "Replay: playhead back / on 1 s"),
            window(shift(KeyCode.LEFT), Action.BACK_10S, null, "Replay: playhead back / on 10 s"),
            window(shift(KeyCode.RIGHT), Action.ON_10S, null, "Replay: playhead back / on 10 s"),
            window(shortcut(KeyCode.HOME), Action.TO_START, null, "Replay: playhead to the start / the end"),
            window(shortcut(KeyCode.END), Action.TO_END, null, "Replay: playhead to the start / the end"),
            timeline(TimelineKey.ZOOM_IN, "Timeline: zoom in / out at the mouse (or the wheel)"),
            timeline(TimelineKey.ZOOM_OUT, "Timeline: zoom in / out at the mouse (or the wheel)"),
            timeline(TimelineKey.PAN_EARLIER, "Timeline: pan earlier / later (or drag)"),
            timeline(TimelineKey.PAN_LATER, "Timeline: pan earlier / later (or drag)"),
            timeline(TimelineKey.FIT_SELECTION, "Timeline: fit the selection"),
            new Shortcut(TimelineKey.FIT_ALL.keys(), TimelineKey.FIT_ALL.combination(), Owner.TIMELINE,
                    Action.FIT_TIMELINE, "Fit timeline", "Timeline: fit the whole run"),
            timeline(TimelineKey.FOLLOW, "Timeline: follow the live run again"),
            timeline(TimelineKey.FOLLOW_END, "Timeline: follow the live run again"),
            new Shortcut("Drag on the time axis", null, Owner.TIMELINE, null, null,
                    "Timeline: select a range and see its waits"),
            window(key(KeyCode.ESCAPE), Action.ESCAPE, null,
                    "Close the help or the find bar; leave a field; clear the selection and range"),
            menu(shortcut(KeyCode.F), Action.FIND, "Find…", "Find a goroutine, lock or member by name"),
            window(key(KeyCode.F3), Action.FIND_NEXT, "Find next", "Next / previous match (in the find field: Enter / Shift+Enter)"),
            window(shift(KeyCode.F3), Action.FIND_PREVIOUS, "Find previous",
                    "Next / previous match (in the find field: Enter / Shift+Enter)"),
            window(key(KeyCode.PAGE_DOWN), Action.LESSON_NEXT, "Next step", "Lesson: next / previous step (a presenter remote)"),
            window(key(KeyCode.PAGE_UP), Action.LESSON_BACK, "Previous step", "Lesson: next / previous step (a presenter remote)"),
            menu(key(KeyCode.F1), Action.TOGGLE_HELP, "Keyboard shortcuts", "Show or hide this help"),
            new Shortcut("?", null, Owner.TYPED, Action.TOGGLE_HELP, null, "Show or hide this help"),
            menu(shortcut(KeyCode.N), Action.NEW_RUN, "New from built-in scenario…", "New run of a built-in scenario"),
            menu(shortcutShift(KeyCode.O), Action.OPEN_SCENARIO, "Open scenario…", "Open a scenario (runs live) / a trace (replays)"),
            menu(shortcut(KeyCode.O), Action.OPEN_TRACE, "Open trace…", "Open a scenario (runs live) / a trace (replays)"),
            menu(shortcut(KeyCode.S), Action.SAVE_TRACE, "Save trace…", "Save the run as a trace / record it as it runs"),
            menu(shortcutShift(KeyCode.R), Action.RECORD, "Record live run to…", "Save the run as a trace / record it as it runs"),
            menu(shortcut(KeyCode.E), Action.EXPORT_PNG, "Timeline as PNG…", "Export the timeline as PNG"),
            menu(shortcut(KeyCode.R), Action.RESET, "Reset", "Reset: live, start again; replay, back to the start"),
            menu(shortcut(KeyCode.EQUALS), Action.LARGER_TEXT, "Larger text", "Larger / smaller / normal text"),
            menu(shortcut(KeyCode.MINUS), Action.SMALLER_TEXT, "Smaller text", "Larger / smaller / normal text"),
            menu(shortcut(KeyCode.DIGIT0), Action.NORMAL_TEXT, "Normal text size", "Larger / smaller / normal text"),
            menu(shortcut(KeyCode.T), Action.NEXT_THEME, "Next theme", "Next theme: light, dark, projector (high contrast)"),
            menu(shortcut(KeyCode.Q), Action.QUIT, "Quit", "Quit Lockscope")));

    /** The row whose menu item runs {@code action}, if it has one. */
    static Optional<Shortcut> menuShortcut(Action action) {
        return SHORTCUTS.stream().filter(s -> s.action() == action && s.menuText() != null).findFirst();
    }

    /** The keys of {@code action}'s first row, as the help shows them: for tooltips. */
    static String keysOf(Action action) {
        return SHORTCUTS.stream().filter(s -> s.action() == action).map(Shortcut::keys).findFirst().orElseThrow();
    }

    private static Shortcut window(KeyCombination keys, Action action, String menuText, String description) {
        return new Shortcut(keys.getDisplayText(), keys, Owner.WINDOW, action, menuText, description);
    }

    private static Shortcut menu(KeyCombination keys, Action action, String menuText, String description) {
        return new Shortcut(keys.getDisplayText(), keys, Owner.MENU, action, menuText, description);
    }

    private static Shortcut timeline(TimelineKey key, String description) {
        return new Shortcut(key.keys(), key.combination(), Owner.TIMELINE, null, null, description);
    }

    private static KeyCombination key(KeyCode code) {
        return new KeyCodeCombination(code);
    }

    private static KeyCombination shift(KeyCode code) {
        return new KeyCodeCombination(code, SHIFT_DOWN);
    }

    /** Ctrl, or Cmd on macOS. */
    private static KeyCombination shortcut(KeyCode code) {
        return new KeyCodeCombination(code, SHORTCUT_DOWN);
    }

    private static KeyCombination shortcutShift(KeyCode code) {
        return new KeyCodeCombination(code, SHORTCUT_DOWN, SHIFT_DOWN);
    }

    private static List<Shortcut> checked(List<Shortcut> rows) {
        Set<String> keys = new HashSet<>();
        Map<Action, Integer> rowsOf = new EnumMap<>(Action.class);
        Map<Action, Integer> menuItemsOf = new EnumMap<>(Action.class);
        for (Shortcut s : rows) {
            if (!keys.add(s.keys())) {
                throw new IllegalStateException("two shortcuts on " + s.keys());
            }
            if (s.action() != null) {
                rowsOf.merge(s.action(), 1, Integer::sum);
                if (s.menuText() != null) {
                    menuItemsOf.merge(s.action(), 1, Integer::sum);
                }
            }
        }
        for (Action a : Action.values()) {
            if (!rowsOf.containsKey(a) || menuItemsOf.getOrDefault(a, 0) > 1) {
                throw new IllegalStateException(a + " needs one row, and at most one menu item");
            }
        }
        for (TimelineKey k : TimelineKey.values()) {
            if (!keys.contains(k.keys())) {
                throw new IllegalStateException("the timeline's " + k.keys() + " has no row");
            }
        }
        return rows;
    }
}
