package dev.lockscope.app.lesson;

import dev.lockscope.run.LessonState;
import dev.lockscope.util.Millis;
import java.math.BigDecimal;
import java.math.RoundingMode;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The presenter's caption strip: which step of how many, its title and caption in large type, and Back / Next.
 * It shows whatever {@link LessonState} the run last published and hides itself when no lesson runs.
 */
public final class LessonBar extends VBox {
    private final Label counter = new Label();
    private final Label title = new Label();
    private final Label caption = new Label();
    private final Label hint = new Label();
    private final Button back = new Button("◀ Back");
    private final Button next = new Button("Next ▶");

    public LessonBar(ObservableValue<LessonState> lesson, Runnable onNext, Runnable onBack) {
        getStyleClass().add("lesson-bar");
        setId("lessonBar");
        counter.setId("lessonStep");
        title.setId("lessonTitle");
        caption.setId("lessonCaption");
        hint.setId("lessonHint");
        back.setId("lessonBack");
        next.setId("lessonNext");
        title.getStyleClass().add("lesson-title");
        caption.getStyleClass().add("lesson-caption");
        counter.getStyleClass().add("lesson-counter");
        hint.getStyleClass().add("lesson-hint");
        caption.setWrapText(true);
        caption.setMinHeight(Region.USE_PREF_SIZE);
        back.setFocusTraversable(false);
        next.setFocusTraversable(false);
        back.setOnAction(e -> onBack.run());
        next.setOnAction(e -> onNext.run());

        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox head = new HBox(12, counter, title, grow, hint, back, next);
        head.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(head, caption);
        setSpacing(6);
        setPadding(new Insets(10, 16, 12, 16));
        managedProperty().bind(visibleProperty());
        lesson.addListener((o, old, state) -> show(state));
        show(lesson.getValue());
    }

    private void show(LessonState state) {
        setVisible(state != null);
        if (state == null) {
            return;
        }
        int total = state.lesson().steps().size();
        if (state.current().isEmpty()) {
            counter.setText("0 / " + total);
            title.setText(state.lesson().name());
            caption.setText(state.lesson().summary());
        } else {
            counter.setText((state.reached() + 1) + " / " + total);
            title.setText(state.current().get().title());
            caption.setText(state.current().get().caption());
        }
        hint.setText(state.awaitingPresenter() ? "at " + Millis.label(state.reachedAtNs()) + " · Page Down to go on"
                : state.isLast() ? "at " + Millis.label(state.reachedAtNs()) + " · last step" : "at " + Millis.label(state.reachedAtNs())
                + " · running to the next step…");
        back.setDisable(state.reached() <= 0);
        next.setDisable(!state.awaitingPresenter());
    }
}
