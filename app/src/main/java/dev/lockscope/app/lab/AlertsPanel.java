package dev.lockscope.app.lab;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.util.Millis;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The detectors' alerts, newest last, and the full report of the one selected: live, every alert so far; in a
 * replay, those up to the playhead ({@link LabModel#shownAlerts()}), as every panel shows the run at the playhead.
 * Selecting one (click, or Enter) hands it to {@code onSelect}, which moves the timeline and the playhead to it.
 */
final class AlertsPanel extends VBox {
    private final ListView<TraceEvent.Alert> list;
    private final TextArea report = new TextArea();
    private final Label title = new Label();
    private final SplitPane split;

    AlertsPanel(LabModel model, Consumer<TraceEvent.Alert> onSelect) {
        getStyleClass().addAll("panel", "alerts-panel");
        setId("alertsPanel");
        title.getStyleClass().add("panel-title");
        list = new ListView<>(model.shownAlerts());
        list.setId("alertList");
        list.setPlaceholder(new Label("No alerts yet"));
        list.setCellFactory(v -> new ListCell<>() {
            {
                setWrapText(true);
                prefWidthProperty().bind(v.widthProperty().subtract(24));
            }

            @Override
            protected void updateItem(TraceEvent.Alert a, boolean empty) {
                super.updateItem(a, empty);
                getStyleClass().removeAll("alert-wait", "alert-hold", "alert-other");
                if (empty || a == null) {
                    setText(null);
                    return;
                }
                setText(Millis.seconds(a.time()) + "  " + a.kind().id() + "\n" + model.alertWords().headline(a));
                getStyleClass().add(switch (a.kind()) {
                    case LONG_WAIT -> "alert-wait";
                    case LONG_HOLD -> "alert-hold";
                    default -> "alert-other";
                });
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, old, a) -> {
            report.setText(a == null ? "" : a.report());
            if (a != null) {
                onSelect.accept(a);
            }
        });
        model.shownAlerts().addListener((ListChangeListener<TraceEvent.Alert>) c -> updateTitle(model));
        model.alerts().addListener((ListChangeListener<TraceEvent.Alert>) c -> updateTitle(model));
        updateTitle(model);
        report.setId("alertReport");
        report.setEditable(false);
        report.setWrapText(false);
        report.getStyleClass().add("alert-report");
        report.setPromptText("Select an alert to read its report: who waits, blocked by whom, doing what.");
        split = new SplitPane(list, report);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(title, split);
    }

    /** Selects (and reveals) {@code alert} in the list. */
    void reveal(TraceEvent.Alert alert) {
        int i = list.getItems().indexOf(alert);
        if (i >= 0 && list.getSelectionModel().getSelectedIndex() != i) {
            list.getSelectionModel().select(i);
            list.scrollTo(Math.max(0, i - 2));
        }
    }

    /** The panel's title, {@code Alerts (14)}: a tab shows it. */
    javafx.beans.property.ReadOnlyStringProperty titleProperty() {
        return title.textProperty();
    }

    /** Leaves the title out of the panel (a tab shows it). */
    void hideTitle() {
        title.setVisible(false);
        title.setManaged(false);
    }

    /** The list over the report: the window places its divider ({@link SplitLayout}). */
    SplitPane split() {
        return split;
    }

    ListView<TraceEvent.Alert> list() {
        return list;
    }

    private void updateTitle(LabModel model) {
        int shown = model.shownAlerts().size();
        int all = model.alerts().size();
        title.setText(shown == all ? "Alerts (" + all + ")" : "Alerts (" + shown + " of " + all + ", up to the playhead)");
    }
}
