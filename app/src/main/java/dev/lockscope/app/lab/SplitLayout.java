package dev.lockscope.app.lab;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.input.MouseEvent;

/**
 * Where the window's split panes put their dividers, by arrangement: each arrangement of a pane (the room, the
 * timeline and the metrics side by side; the timeline over the code; ...) has a name, default positions, and the
 * positions the user chose by dragging a divider, if any.
 *
 * <p>Rules. Only a drag of a divider by the user changes a chosen position: a resize of the window, a larger font
 * or a presentation may push the dividers (a panel's minimum size grows with its text), but that is never saved,
 * and {@link #reapply()} puts every divider back where the user or the default wants it. Defaults are functions of
 * the pane's width and the text size, so a side panel is as wide as its content needs, on any screen. Only chosen
 * positions are {@linkplain #remember remembered}; a user who never dragged a divider gets the defaults of the
 * screen the lab runs on next time.
 */
final class SplitLayout {
    /** An arrangement's default divider positions, given the pane's width (or height) in px and the text scale. */
    @FunctionalInterface
    interface Defaults {
        double[] positions(double paneSize, double fontScale);
    }

    private final LabSettings settings;
    private final Map<String, Defaults> defaults = new HashMap<>();
    private final Map<String, double[]> chosen = new HashMap<>();
    private final Map<SplitPane, String> showing = new IdentityHashMap<>();
    private double fontScale = 1;

    /** Arrangements the user arranged before are read from {@code settings}. */
    SplitLayout(LabSettings settings) {
        this.settings = settings;
    }

    /** Declares arrangement {@code name} with {@code count} dividers; a choice saved in the settings is taken up. */
    void define(String name, int count, Defaults positions) {
        defaults.put(name, positions);
        double[] saved = settings.dividers(name, null);
        if (saved != null && saved.length == count) {
            chosen.put(name, saved);
        }
    }

    /**
     * {@code pane} now shows arrangement {@code name}: its dividers go to the chosen or default positions, and a
     * drag of one of them by the user is remembered as the arrangement's choice.
     */
    void show(SplitPane pane, String name) {
        if (!showing.containsKey(pane)) {
            pane.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
                if (onDivider(e.getPickResult().getIntersectedNode(), pane)) {
                    chosen.put(showing.get(pane), pane.getDividerPositions().clone());
                }
            });
            // A pane laid out for the first time (or resized from nothing) takes the positions for its real size.
            pane.widthProperty().addListener((o, was, now) -> {
                if (was.doubleValue() <= 1 && now.doubleValue() > 1) {
                    apply(pane);
                }
            });
        }
        showing.put(pane, name);
        apply(pane);
        // A pane given new items lays them out on the next pulse and may move its dividers to fit them: once that
        // layout is done, put them where they belong.
        javafx.scene.Scene scene = pane.getScene();
        if (scene != null) {
            Runnable[] once = new Runnable[1];
            once[0] = () -> {
                scene.removePostLayoutPulseListener(once[0]);
                apply(pane);
            };
            scene.addPostLayoutPulseListener(once[0]);
        }
    }

    /**
     * Puts every pane's dividers back where its arrangement wants them: after the text size changed, say. Again after
     * the next layout, which lays the panels out in their new size first (and may have moved the dividers).
     */
    void reapply() {
        List.copyOf(showing.keySet()).forEach(pane -> show(pane, showing.get(pane)));
    }

    /** The text scale the defaults are for; call {@link #reapply()} after. */
    void setFontScale(double scale) {
        fontScale = scale;
    }

    /** Forgets the user's choices: every pane goes back to its defaults (View ▸ Reset layout). */
    void resetToDefaults() {
        chosen.clear();
        defaults.keySet().forEach(name -> settings.setDividers(name, null));
        reapply();
    }

    /** The positions arrangement {@code name} wants in a pane of {@code size} px: the user's, or the defaults. */
    double[] positions(String name, double size) {
        double[] c = chosen.get(name);
        return c != null ? c.clone() : defaults.get(name).positions(size, fontScale);
    }

    /** Writes the user's choices to the settings (the caller saves them). */
    void remember() {
        chosen.forEach(settings::setDividers);
    }

    private void apply(SplitPane pane) {
        String name = showing.get(pane);
        if (name == null || pane.getDividers().isEmpty()) {
            return;
        }
        boolean across = pane.getOrientation() == Orientation.HORIZONTAL;
        double size = across ? pane.getWidth() : pane.getHeight();
        if (size <= 1 && pane.getScene() != null) { // not laid out yet: the scene's size is a fair guess
            size = across ? pane.getScene().getWidth() : pane.getScene().getHeight();
        }
        double[] p = positions(name, size);
        if (p.length == pane.getDividers().size()) {
            pane.setDividerPositions(p);
        }
    }

    private static boolean onDivider(Node picked, SplitPane pane) {
        for (Node n = picked; n != null && n != pane; n = n.getParent()) {
            if (n.getStyleClass().contains("split-pane-divider")) {
                return true;
            }
        }
        return false;
    }
}
