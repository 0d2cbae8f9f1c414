package dev.lockscope.app.lab;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** A dimmed overlay listing every shortcut; F1 or ? shows it, Esc, F1, ? or a click hides it. */
final class HelpOverlay extends StackPane {
    HelpOverlay(Shortcuts shortcuts) {
        setId("helpOverlay");
        getStyleClass().add("help-overlay");
        GridPane grid = new GridPane();
        grid.getStyleClass().add("help-grid");
        int row = 0;
        for (Shortcuts.Entry e : shortcuts.entries()) {
            Label keys = new Label(e.keys());
            keys.getStyleClass().add("help-keys");
            Label what = new Label(e.description());
            grid.addRow(row++, keys, what);
        }
        Label title = new Label("Keyboard shortcuts");
        title.getStyleClass().add("help-title");
        Label hint = new Label("Esc, F1 or a click outside closes this. Also: drop a trace or scenario file on the window to open it.");
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

    void toggle() {
        setVisible(!isVisible());
        if (isVisible()) {
            toFront();
        }
    }
}
