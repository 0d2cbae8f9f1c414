package dev.lockscope.app.timeline;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * The keys a {@link TimelineView} handles while it has the focus, as data: the skin matches a key press against
 * this table and nothing else, and an application that lists its shortcuts (the lab's key map) takes the keys from
 * here, so a key the timeline reacts to is always listed. Keys are matched without modifiers held, except Shift,
 * which is ignored (Shift+W zooms as W does).
 */
public enum TimelineKey {
    /** Zoom in at the mouse, or the centre when the mouse is elsewhere: the span times 0.8. */
    ZOOM_IN(KeyCode.W, "Zoom in at the mouse (or the centre)"),
    /** Zoom out at the mouse, or the centre: the span times 1.25. */
    ZOOM_OUT(KeyCode.S, "Zoom out at the mouse (or the centre)"),
    /** Pan a fifth of the view earlier. */
    PAN_EARLIER(KeyCode.A, "Pan a fifth of the view earlier"),
    /** Pan a fifth of the view later. */
    PAN_LATER(KeyCode.D, "Pan a fifth of the view later"),
    /** {@link TimelineView#fitSelection()}. */
    FIT_SELECTION(KeyCode.F, "Fit the selection"),
    /** {@link TimelineView#fitAll()}. */
    FIT_ALL(KeyCode.HOME, "Fit the whole trace"),
    /** Back to follow mode. */
    FOLLOW(KeyCode.L, "Follow the live run"),
    /** Back to follow mode, as L. */
    FOLLOW_END(KeyCode.END, "Follow the live run"),
    /** {@link TimelineView#clearSelection()}: the selection and the time range. */
    CLEAR(KeyCode.ESCAPE, "Clear the selection and the time range");

    private final KeyCombination combination;
    private final String description;

    TimelineKey(KeyCode code, String description) {
        this.combination = new KeyCodeCombination(code, KeyCombination.SHIFT_ANY);
        this.description = description;
    }

    /** What the key matches: the key, Shift up or down, no other modifier. */
    public KeyCombination combination() {
        return combination;
    }

    /**
     * The key as a help or a document writes it: {@code W}, {@code Home}, {@code Escape} (the combination's display
     * text, which leaves out the Shift it ignores).
     */
    public String keys() {
        return combination.getDisplayText();
    }

    /** What it does, in a few words. */
    public String description() {
        return description;
    }

    /** The key of this table that {@code event} presses, or {@code null}. */
    public static TimelineKey of(KeyEvent event) {
        for (TimelineKey k : values()) {
            if (k.combination.match(event)) {
                return k;
            }
        }
        return null;
    }
}
