package dev.lockscope.app.lab;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * A dimmed overlay listing every shortcut of the {@link KeyMap}, one line per description; F1 or ? shows it,
 * Esc, F1, ? or a click hides it.
 */
final class HelpOverlay extends StackPane {
    /** One line of the help: the keys of consecutive rows that share a description, joined, and that description. */
    record Line(String keys, String description) {}

    HelpOverlay(List<KeyMap.Shortcut> shortcuts) {
        setId("helpOverlay");
        getStyleClass().add("help-overlay");
        GridPane grid = new GridPane();
        grid.getStyleClass().add("help-grid");
        // Two columns, so that the help fits a 1280 × 720 projector.
        List<Line> lines = lines(shortcuts);
        int half = (lines.size() + 1) / 2;
        for (int i = 0; i < lines.size(); i++) {
            Label keys = new Label(lines.get(i).keys());
            keys.getStyleClass().add("help-keys");
            keys.setMinWidth(USE_PREF_SIZE);
            Label what = new Label(lines.get(i).description());
            what.setWrapText(true);
            what.getStyleClass().add("help-what"); // at most 25 em wide: a long line wraps
            what.setMinHeight(USE_PREF_SIZE);
            int column = i < half ? 0 : 3; // column 2 is the gap between the two
            grid.add(keys, column, i % half);
            grid.add(what, column + 1, i % half);
        }
        javafx.scene.layout.ColumnConstraints gap = new javafx.scene.layout.ColumnConstraints(12);
        grid.getColumnConstraints().addAll(new javafx.scene.layout.ColumnConstraints(),
                new javafx.scene.layout.ColumnConstraints(), gap);
        grid.getStyleClass().add("help-columns");
        Label title = new Label("Keyboard shortcuts");
        title.getStyleClass().add("help-title");
        Label hint = new Label("Escape, F1 or a click outside closes this. Also: drop a trace or scenario file on the window to open it.");
        hint.getStyleClass().add("help-hint");
        VBox card = new VBox(12, title, grid, hint);
        card.getStyleClass().add("help-card");
        card.setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        card.setOnMouseClicked(e -> e.consume()); // a click on the card keeps it; a click around it closes
        getChildren().add(card);
        setAlignment(Pos.CENTER);
        setVisible(false);
        setOnMouseClicked(e -> setVisible(false));
    }

    /** The help's lines: W and S, both "zoom in / out", make the line "W / S". */
    static List<Line> lines(List<KeyMap.Shortcut> shortcuts) {
        List<Line> lines = new ArrayList<>();
        for (KeyMap.Shortcut s : shortcuts) {
            Line last = lines.isEmpty() ? null : lines.getLast();
            if (last != null && last.description().equals(s.description())) {
                lines.set(lines.size() - 1, new Line(last.keys() + " / " + s.keys(), last.description()));
            } else {
                lines.add(new Line(s.keys(), s.description()));
            }
        }
        return lines;
    }

    void toggle() {
        setVisible(!isVisible());
        if (isVisible()) {
            toFront();
        }
    }

    void hide() {
        setVisible(false);
    }
}
