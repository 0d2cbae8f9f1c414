package dev.lockscope.app.lab;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.util.Millis;
import java.util.List;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/**
 * The docked alert strip above the status bar: a badge with the number of alerts and the latest one in a line. It
 * is part of the layout, so it never covers anything, and it shows in presentation mode, where the alerts panel
 * does not. It follows {@link LabModel#shownAlerts()}: live every alert so far, in a replay those up to the
 * playhead. A click on it shows the latest alert on the timeline. When alerts arrive the strip is marked
 * {@code alert-strip-fresh} for a moment, which the style sheet draws as a brighter badge.
 */
final class AlertStrip extends HBox {
    private final Label badge = new Label();
    private final Label latest = new Label();
    private final PauseTransition fresh = new PauseTransition(Duration.seconds(1.5));

    AlertStrip(LabModel model, Consumer<TraceEvent.Alert> select) {
        super(10);
        setId("alertStrip");
        getStyleClass().add("alert-strip");
        setAlignment(Pos.CENTER_LEFT);
        badge.setId("alertBadge");
        badge.getStyleClass().add("alert-badge");
        badge.setMinWidth(Region.USE_PREF_SIZE);
        latest.setId("alertLatest");
        latest.getStyleClass().add("alert-latest");
        latest.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(latest, Priority.ALWAYS);
        getChildren().addAll(badge, latest);
        Tooltip.install(this, new Tooltip("Click to show the latest alert on the timeline; every alert is in the Alerts "
                + "panel (" + KeyMap.keysOf(KeyMap.Action.NEXT_ALERT) + " / " + KeyMap.keysOf(KeyMap.Action.PREVIOUS_ALERT)
                + " step through them)"));
        fresh.setOnFinished(e -> getStyleClass().remove("alert-strip-fresh"));
        List<TraceEvent.Alert> shown = model.shownAlerts();
        setOnMouseClicked(e -> {
            if (!shown.isEmpty()) {
                select.accept(shown.getLast());
            }
        });
        model.shownAlerts().addListener((ListChangeListener<TraceEvent.Alert>) c -> {
            boolean added = false;
            while (c.next()) {
                added |= c.wasAdded();
            }
            show(shown, added && model.sourceProperty().get() == LabModel.Source.LIVE, model.alertWords());
        });
        show(shown, false, model.alertWords());
    }

    private void show(List<TraceEvent.Alert> shown, boolean arrived, AlertWords words) {
        badge.getStyleClass().remove("alert-badge-none");
        if (shown.isEmpty()) {
            badge.setText("No alerts");
            badge.getStyleClass().add("alert-badge-none");
            latest.setText("");
            return;
        }
        badge.setText("⚠ " + shown.size() + (shown.size() == 1 ? " alert" : " alerts"));
        TraceEvent.Alert a = shown.getLast();
        latest.setText("latest: " + a.kind().id() + " at " + Millis.seconds(a.time()) + " — " + words.headline(a));
        if (arrived) {
            if (!getStyleClass().contains("alert-strip-fresh")) {
                getStyleClass().add("alert-strip-fresh");
            }
            fresh.playFromStart();
        }
    }
}
