package dev.lockscope.app.lab;

import dev.lockscope.app.timeline.SearchMatch;
import dev.lockscope.app.timeline.TimelineView;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The find bar over the timeline ({@code Ctrl+F}): a goroutine, lock or member by name, with the number of matches
 * and previous / next ({@code Shift+Enter} / {@code Enter} in the field, {@code Shift+F3} / {@code F3} anywhere).
 * Hidden until asked for; closing it ({@code Escape}, ×) ends the search and gives the keyboard back to the timeline.
 * The searching is the timeline's ({@link TimelineView#search}).
 */
final class FindBar extends HBox {
    private final TimelineView timeline;
    private final TextField field = new TextField();
    private final Runnable onClose;

    /** {@code onClose} runs when the bar closes, after the search has been cleared. */
    FindBar(TimelineView timeline, Runnable onClose) {
        super(6);
        this.timeline = timeline;
        this.onClose = onClose;
        setId("findBar");
        getStyleClass().add("find-bar");
        setAlignment(Pos.CENTER_LEFT);
        Label title = new Label("Find");
        title.setMinWidth(Region.USE_PREF_SIZE);
        field.setId("findField");
        field.setPromptText("a goroutine, lock or member, by name");
        field.getStyleClass().add(ShortcutKeys.KEEPS_FOCUS); // Enter goes to the next match, and again
        field.setPrefColumnCount(18);
        field.textProperty().addListener((o, was, text) -> timeline.search(text));
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                if (e.isShiftDown()) {
                    timeline.previousMatch();
                } else {
                    timeline.nextMatch();
                }
                e.consume();
            }
        });
        Label count = new Label();
        count.setId("findCount");
        count.setMinWidth(Region.USE_PREF_SIZE);
        count.textProperty().bind(Bindings.createStringBinding(() -> countText(timeline.getMatches(),
                timeline.getMatchIndex()), timeline.matchesProperty(), timeline.matchIndexProperty(), field.textProperty()));
        Button previous = button("findPrevious", "▲", "Previous match (Shift+Enter, "
                + KeyMap.keysOf(KeyMap.Action.FIND_PREVIOUS) + ")", timeline::previousMatch);
        Button next = button("findNext", "▼", "Next match (Enter, " + KeyMap.keysOf(KeyMap.Action.FIND_NEXT) + ")",
                timeline::nextMatch);
        Button close = button("findClose", "✕", "Close (Escape)", this::close);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        getChildren().addAll(title, field, previous, next, count, grow, close);
        setVisible(false);
        managedProperty().bind(visibleProperty());
    }

    private String countText(List<SearchMatch> matches, int index) {
        if (field.getText().isBlank()) {
            return "";
        }
        if (matches.isEmpty()) {
            return "no match";
        }
        SearchMatch m = matches.get(Math.max(0, index));
        String what = switch (m.kind()) {
            case LOCK -> "lock";
            case MEMBER -> "member";
            case GROUP -> "group";
            case GOROUTINE -> "goroutine";
        };
        return (index + 1) + " of " + matches.size() + " · " + what + " " + m.name();
    }

    private static Button button(String id, String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setFocusTraversable(false);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    /** Shows the bar with the keyboard in its field, the text selected to be typed over. */
    void open() {
        setVisible(true);
        field.requestFocus();
        field.selectAll();
        if (!field.getText().isBlank()) {
            timeline.search(field.getText());
        }
    }

    boolean isOpen() {
        return isVisible();
    }

    /** Whether the keyboard is in the bar. */
    boolean hasFocus() {
        return field.isFocused();
    }

    /** F3: the next match, opening the bar first if it is closed. */
    void next() {
        if (!isOpen()) {
            open();
        } else {
            timeline.nextMatch();
        }
    }

    /** Shift+F3: the previous match, opening the bar first if it is closed. */
    void previous() {
        if (!isOpen()) {
            open();
        } else {
            timeline.previousMatch();
        }
    }

    /** Hides the bar, ends the search (the text stays for next time) and gives the keyboard to the timeline. */
    void close() {
        setVisible(false);
        timeline.search("");
        onClose.run();
        timeline.requestFocus();
    }
}
