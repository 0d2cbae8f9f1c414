package dev.lockscope.app.lab;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * The lab's keyboard shortcuts, listed once for both the key handling and the help overlay. Shortcuts with
 * Ctrl are menu accelerators (the menus own them); plain keys are handled here, by a scene filter that leaves
 * them alone while the user types in a text field.
 */
final class Shortcuts {
    /** One shortcut: the keys as shown, what it does, and, for a plain key, its combination and action. */
    record Entry(String keys, String description, KeyCombination combination, Runnable action) {}

    private final List<Entry> entries = new ArrayList<>();

    /** A plain-key shortcut handled by {@link #install}. */
    Shortcuts key(KeyCode code, String description, Runnable action) {
        return key(new KeyCodeCombination(code), description, action);
    }

    Shortcuts key(KeyCombination combination, String description, Runnable action) {
        entries.add(new Entry(combination.getDisplayText(), description, combination, action));
        return this;
    }

    /** A shortcut another part handles (a menu accelerator), listed in the help. */
    Shortcuts listed(String keys, String description) {
        entries.add(new Entry(keys, description, null, null));
        return this;
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    void install(Scene scene) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (isTypingKey(e.getCode()) && isTyping(scene.getFocusOwner())) {
                return;
            }
            for (Entry entry : entries) {
                if (entry.combination() != null && entry.combination().match(e)) {
                    entry.action().run();
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
