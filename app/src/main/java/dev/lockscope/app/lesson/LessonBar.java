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
 * It shows whatever {@link LessonState} the run last published and hides itself when no lesson runs. Next is
 * enabled whenever pressing it does something: out of a pause, a presenter's step, or a paused run played on.
 */
public final class LessonBar extends VBox {
    private final Label counter = new Label();
    private final Label title = new Label();
    private final Label caption = new Label();
    private final Label hint = new Label();
    private final Button back = new Button("◀ Back");
    private final Button next = new Button("Next ▶");

    /**
     * Shows {@code lesson} (null: hidden); {@code playing} is whether the run plays, which says what Next does when
     * the step does not wait for the presenter (after Back, say): play on.
     */
    public LessonBar(ObservableValue<LessonState> lesson, ObservableValue<Boolean> playing, Runnable onNext,
            Runnable onBack) {
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
        this.playing = playing;
        lesson.addListener((o, old, state) -> show(state));
        playing.addListener((o, was, now) -> show(lesson.getValue()));
        show(lesson.getValue());
    }

    private final ObservableValue<Boolean> playing;

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
        boolean running = Boolean.TRUE.equals(playing.getValue());
        String at = "at " + Millis.label(state.reachedAtNs());
        hint.setText(state.awaitingPresenter() ? at + " · Page Down to go on"
                : state.isLast() ? at + " · last step"
                : running ? at + " · running to the next step…"
                : at + " · paused · Page Down plays on");
        back.setDisable(state.reached() <= 0);
        // Next goes on from a pause, brings up a presenter's step, or plays a paused run on to the next step.
        next.setDisable(!state.awaitingPresenter() && (running || state.isLast()));
    }
}
