package dev.lockscope.app.lab;

import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * Runs the key map's keys on a scene: the {@link KeyMap.Owner#WINDOW} rows through a key filter, which sees a key
 * before any control does; the {@link KeyMap.Owner#TIMELINE} keys, passed on to the timeline when the focus is
 * elsewhere; and the {@link KeyMap.Owner#TYPED} rows on the character typed. Menu accelerators are the menus'
 * business.
 *
 * <p>Rules for text fields (and editable spinners and combo boxes): while the user types in one, the keys a field
 * needs for itself are left to it (everything but Esc and the function keys). Enter applies the field and gives
 * the keyboard back to the timeline, so that the next {@code 2} switches the strategy instead of typing a 2;
 * unless the field refused what was typed (it then has the style class {@value #INVALID}) and keeps the focus to
 * be corrected. A multi-line text area keeps its Enter, and so does a field marked {@value #KEEPS_FOCUS} (the find
 * field, whose Enter is "next match").
 */
final class ShortcutKeys {
    /** The style class of a field whose text was refused. */
    static final String INVALID = "invalid";
    /** The style class of a field whose Enter is its own and keeps the keyboard (the find field: next match). */
    static final String KEEPS_FOCUS = "keeps-focus";

    private ShortcutKeys() {}

    /**
     * Makes {@code scene} run {@code perform} on the action of each window or typed key of {@code shortcuts}, and pass
     * the timeline keys on to {@code timeline}, which also gets the focus back after Enter in a field.
     */
    static void install(Scene scene, List<KeyMap.Shortcut> shortcuts, Consumer<KeyMap.Action> perform, Node timeline) {
        List<KeyMap.Shortcut> pressed = shortcuts.stream().filter(s -> s.owner() == KeyMap.Owner.WINDOW).toList();
        List<KeyMap.Shortcut> timelineKeys = shortcuts.stream()
                .filter(s -> s.owner() == KeyMap.Owner.TIMELINE && s.combination() != null).toList();
        List<KeyMap.Shortcut> typed = shortcuts.stream().filter(s -> s.owner() == KeyMap.Owner.TYPED).toList();
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            Node focus = scene.getFocusOwner();
            Node field = typingIn(focus);
            if (field != null && e.getCode() == KeyCode.ENTER && !(field instanceof TextArea)
                    && !field.getStyleClass().contains(KEEPS_FOCUS)) {
                // The field applies its Enter first; then, unless it refused the text, the keys are shortcuts again.
                Platform.runLater(() -> {
                    if (scene.getFocusOwner() == focus && !field.getStyleClass().contains(INVALID)) {
                        timeline.requestFocus();
                    }
                });
                return;
            }
            if (field != null && isTypingKey(e.getCode())) {
                return;
            }
            for (KeyMap.Shortcut s : pressed) {
                if (s.combination().match(e)) {
                    perform.accept(s.action());
                    e.consume();
                    return;
                }
            }
            if (isInside(focus, timeline)) {
                return; // the timeline handles its keys itself
            }
            for (KeyMap.Shortcut s : timelineKeys) {
                if (s.combination().match(e)) {
                    Event.fireEvent(timeline, e.copyFor(timeline, timeline));
                    e.consume();
                    return;
                }
            }
        });
        // A handler, not a filter: a control that takes the character for itself comes first.
        scene.addEventHandler(KeyEvent.KEY_TYPED, e -> {
            if (typingIn(scene.getFocusOwner()) != null) {
                return;
            }
            for (KeyMap.Shortcut s : typed) {
                if (s.keys().equals(e.getCharacter())) {
                    perform.accept(s.action());
                    e.consume();
                    return;
                }
            }
        });
    }

    /** Whether the user is typing in a field, with {@code focus} the scene's focus owner. */
    static boolean isTyping(Node focus) {
        return typingIn(focus) != null;
    }

    /**
     * The field the focus is in (the editable text control, or the spinner or combo box whose editor has the focus),
     * or {@code null}.
     */
    private static Node typingIn(Node focus) {
        for (Node n = focus; n != null; n = n.getParent()) {
            if (n instanceof TextInputControl t && t.isEditable()) {
                // A spinner's or combo box's editor: the control itself carries the invalid mark, if any.
                return t.getParent() instanceof Spinner<?> || t.getParent() instanceof ComboBoxBase<?> ? t.getParent() : t;
            }
            if (n instanceof Spinner<?> s && s.isEditable() || n instanceof ComboBoxBase<?> c && c.isEditable()) {
                return n;
            }
        }
        return null;
    }

    /** Keys a text field needs for itself; Esc and the function keys stay shortcuts everywhere. */
    private static boolean isTypingKey(KeyCode code) {
        return !code.isFunctionKey() && code != KeyCode.ESCAPE;
    }

    private static boolean isInside(Node node, Node ancestor) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }
}
