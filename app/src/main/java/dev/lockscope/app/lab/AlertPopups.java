package dev.lockscope.app.lab;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.util.Millis;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Alert pop-ups, for those who want them (View ▸ Alert pop-ups; off by default): a live run's alerts as small cards
 * in the timeline's lower right corner, inside the window and styled by the theme. They never show while a lesson is
 * presented, never cover a control (only the timeline's plot, above its legend), never leave the window, and are not
 * raised again for alerts a what-if run re-simulates ({@link LabModel#setOnLiveAlerts}).
 *
 * <p>At most one card pops up per {@value #THROTTLE_S} s: the first alert of a burst shows (a click on it shows the
 * alert on the timeline), the rest are counted and summed up in one card when the time is over; at most
 * {@value #MAX_CARDS} cards show at once, each for {@value #SHOW_S} s.
 */
final class AlertPopups {
    private static final int THROTTLE_S = 3;
    private static final int SHOW_S = 4;
    private static final int MAX_CARDS = 2;

    private final VBox cards = new VBox(6);
    private final LabSettings settings;
    private final BooleanSupplier presenting;
    private final Consumer<TraceEvent.Alert> select;
    private final java.util.function.Function<TraceEvent.Alert, String> words;
    private final PauseTransition throttle = new PauseTransition(Duration.seconds(THROTTLE_S));
    private int pending;

    /** Cards go on {@code layer}, over the timeline, unless {@code presenting} says a lesson is on. */
    AlertPopups(StackPane layer, LabSettings settings, BooleanSupplier presenting, Consumer<TraceEvent.Alert> select,
            java.util.function.Function<TraceEvent.Alert, String> words) {
        this.settings = settings;
        this.words = words;
        this.presenting = presenting;
        this.select = select;
        cards.setId("alertPopups");
        cards.setAlignment(Pos.BOTTOM_RIGHT);
        cards.setPickOnBounds(false); // the timeline under the empty part stays clickable
        cards.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        StackPane.setAlignment(cards, Pos.BOTTOM_RIGHT);
        StackPane.setMargin(cards, new Insets(0, 24, 48, 0)); // clear of the scroll bar and the legend
        layer.getChildren().add(cards);
        throttle.setOnFinished(e -> flush());
    }

    /** New alerts of the live run, oldest first; on the FX thread. */
    void onAlerts(List<TraceEvent.Alert> alerts) {
        if (!settings.alertPopups() || presenting.getAsBoolean() || cards.getScene() == null) {
            return;
        }
        pending += alerts.size();
        if (throttle.getStatus() != Animation.Status.RUNNING) {
            TraceEvent.Alert first = alerts.getFirst();
            pending -= 1;
            card(first.kind().id() + " at " + Millis.seconds(first.time()), words.apply(first))
                    .setOnMouseClicked(e -> select.accept(first));
            throttle.playFromStart();
        }
    }

    /** The cards showing now; for tests. */
    List<Node> cards() {
        return cards.getChildren();
    }

    private void flush() {
        if (pending > 0 && settings.alertPopups() && !presenting.getAsBoolean()) {
            card(pending + " more alert" + (pending == 1 ? "" : "s"), "See the Alerts panel");
        }
        pending = 0;
    }

    private VBox card(String title, String text) {
        Label t = new Label("⚠ " + title);
        t.getStyleClass().add("alert-popup-title");
        Label body = new Label(text);
        body.setWrapText(true);
        VBox card = new VBox(3, t, body);
        card.getStyleClass().add("alert-popup");
        card.setMaxWidth(420);
        if (cards.getChildren().size() >= MAX_CARDS) {
            cards.getChildren().removeFirst();
        }
        cards.getChildren().add(card);
        PauseTransition life = new PauseTransition(Duration.seconds(SHOW_S));
        life.setOnFinished(e -> cards.getChildren().remove(card));
        life.play();
        return card;
    }
}
