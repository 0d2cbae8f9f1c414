package dev.lockscope.app.lab;

import java.util.List;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * Runs the key map's window keys on a scene: the {@link KeyMap.Owner#WINDOW} rows through a key filter, which sees
 * a key before any control does, and the {@link KeyMap.Owner#TYPED} rows on the character typed. Menu accelerators
 * are the menus' business, and the timeline handles its own keys.
 *
 * <p>While the user types in a text field (or an editable spinner or combo box), the keys a field needs for itself
 * are left to it: everything but Esc and the function keys.
 */
final class ShortcutKeys {
    private ShortcutKeys() {}

    /** Makes {@code scene} run {@code perform} on the action of each window or typed key of {@code shortcuts}. */
    static void install(Scene scene, List<KeyMap.Shortcut> shortcuts, Consumer<KeyMap.Action> perform) {
        List<KeyMap.Shortcut> pressed = shortcuts.stream().filter(s -> s.owner() == KeyMap.Owner.WINDOW).toList();
        List<KeyMap.Shortcut> typed = shortcuts.stream().filter(s -> s.owner() == KeyMap.Owner.TYPED).toList();
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (isTypingKey(e.getCode()) && isTyping(scene.getFocusOwner())) {
                return;
            }
            for (KeyMap.Shortcut s : pressed) {
                if (s.combination().match(e)) {
                    perform.accept(s.action());
                    e.consume();
                    return;
                }
            }
        });
        // A handler, not a filter: a control that takes the character for itself comes first.
        scene.addEventHandler(KeyEvent.KEY_TYPED, e -> {
            if (isTyping(scene.getFocusOwner())) {
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

    /** Keys a text field needs for itself; Esc and the function keys stay shortcuts everywhere. */
    private static boolean isTypingKey(KeyCode code) {
        return !code.isFunctionKey() && code != KeyCode.ESCAPE;
    }

    private static boolean isTyping(Node focus) {
        for (Node n = focus; n != null; n = n.getParent()) {
            if (n instanceof TextInputControl || n instanceof Spinner<?> s && s.isEditable()
                    || n instanceof ComboBoxBase<?> c && c.isEditable()) {
                return true;
            }
        }
        return false;
    }
}
