package dev.lockscope.app.lab;

import dev.lockscope.app.timeline.RangeSummary;
import dev.lockscope.app.timeline.TimelineSelection;
import dev.lockscope.app.timeline.TimelineView;
import dev.lockscope.interval.IntervalKind;
import dev.lockscope.model.Mode;
import dev.lockscope.trace.store.TraceView;
import dev.lockscope.util.Millis;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The selection's details, docked under the timeline (as Perfetto's "Current selection"): what is selected, on
 * which lock and where in the code, from when and for how long, its story in words (whom a wait waits for along the
 * chain; who waits behind a hold, at the instant and over the whole hold), and for a hold the waits queued behind it,
 * each a click away. A time range dragged on the axis is summed up here too. It follows the timeline's
 * {@link TimelineView#selectionProperty() selection} and {@link TimelineView#rangeSummaryProperty() range summary}.
 */
final class DetailsPanel extends VBox {
    private final TimelineView timeline;
    private final Label title = new Label();
    /** One wrapped line per fact ("Lock: membersMx (RLock)"): it reads in a narrow tab as in a wide one. */
    private final VBox facts = new VBox(2);
    private final Label story = new Label();
    private final Label queuedTitle = new Label("Queued behind it (click to select):");
    private final ListView<TimelineSelection.Link> queued = new ListView<>();
    private final Label range = new Label();
    private final HBox buttons;
    private final java.util.function.Function<dev.lockscope.event.TraceEvent.Alert, String> alertWords;

    /** The details of {@code timeline}'s selection; an alert it came from is told by {@code alertWords}. */
    DetailsPanel(TimelineView timeline, java.util.function.Function<dev.lockscope.event.TraceEvent.Alert, String> alertWords) {
        this.timeline = timeline;
        this.alertWords = alertWords;
        getStyleClass().addAll("panel", "details-panel");
        setId("detailsPanel");
        title.setId("detailsTitle");
        title.getStyleClass().add("panel-title");
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        facts.setId("detailsFacts");
        facts.getStyleClass().add("details-facts");
        story.setId("detailsStory");
        story.getStyleClass().add("details-story");
        story.setMinHeight(Region.USE_PREF_SIZE);
        story.setWrapText(true);
        queued.setId("detailsQueued");
        queued.setPrefHeight(120);
        queued.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(TimelineSelection.Link link, boolean empty) {
                super.updateItem(link, empty);
                setText(empty || link == null ? null : link.waiter() + (link.depth() == 0 ? ", directly" : ", through a pending writer")
                        + ", from " + Millis.seconds(link.at()));
            }
        });
        queued.getSelectionModel().selectedItemProperty().addListener((o, was, link) -> {
            if (link != null) {
                timeline.selectInterval(link.waitId(), link.at());
                timeline.fitSelection();
            }
        });
        range.setId("detailsRange");
        range.getStyleClass().add("details-story");
        Button fit = new Button("Fit (F)");
        fit.setId("detailsFit");
        fit.setOnAction(e -> timeline.fitSelection());
        Button clear = new Button("Clear (Escape)");
        clear.setId("detailsClear");
        clear.setOnAction(e -> timeline.clearSelection());
        buttons = new HBox(6, fit, clear);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox body = new VBox(6, facts, story, queuedTitle, queued, range, buttons);
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("details-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(title, scroll);
        timeline.selectionProperty().addListener((o, was, now) -> show());
        timeline.rangeSummaryProperty().addListener((o, was, now) -> show());
        show();
    }

    private void show() {
        TimelineSelection s = timeline.getSelection();
        RangeSummary r = timeline.getRangeSummary();
        facts.getChildren().clear();
        boolean selected = s != null;
        facts.setVisible(selected);
        facts.setManaged(selected);
        buttons.setVisible(selected);
        buttons.setManaged(selected);
        boolean hasQueue = selected && !s.queuedBehind().isEmpty();
        queuedTitle.setVisible(hasQueue);
        queuedTitle.setManaged(hasQueue);
        queued.setVisible(hasQueue);
        queued.setManaged(hasQueue);
        queued.getItems().setAll(hasQueue ? s.queuedBehind() : java.util.List.of());
        if (!selected) {
            title.setText(r == null ? "Nothing selected" : "Time range");
            story.setText(r == null ? "Click a bar on the timeline to see what it is, whom it waits for and who waits "
                    + "behind it. Drag on the time axis to sum up the waits of a time range." : "");
        } else {
            title.setText(what(s) + " · " + s.goroutine());
            if (s.alert() != null) {
                fact("Alert", alertWords.apply(s.alert()));
            }
            if (s.lockName() != null && (s.kind().isPrimWait() || s.kind() == IntervalKind.BUFFERED)) {
                fact(s.kind() == IntervalKind.BUFFERED ? "Channel" : "On", s.lockName());
            } else if (s.lockName() != null) {
                fact("Lock", s.lockName() + (s.mode() == null ? "" : s.mode() == Mode.READ ? " (RLock)" : " (Lock)"));
            }
            if (s.member() != null) {
                fact("Member", s.member());
            }
            if (s.site() != null) {
                fact("Code", s.site());
            }
            fact("From", Millis.seconds(s.start()) + (s.end() == TraceView.OPEN ? ", going on"
                    : " to " + Millis.seconds(s.end()) + ", " + Millis.duration(s.end() - s.start())));
            fact("At", Millis.seconds(s.at()) + (s.alert() != null ? " (the alert's instant: " + s.alert().kind().id() + ")" : ""));
            if (!s.blockedBy().isEmpty()) {
                fact("Waits for", String.join(", ", s.blockedBy().stream().map(l -> l.blocker().toString()
                        + (l.pendingWriter() ? ", a pending writer" : "")).toList()));
            }
            story.setText(String.join("\n", s.story()));
        }
        range.setVisible(r != null);
        range.setManaged(r != null);
        range.setText(r == null ? "" : rangeText(r));
    }

    private void fact(String name, String value) {
        Label line = new Label(name + ": " + value);
        line.getStyleClass().add("details-fact");
        line.setWrapText(true);
        line.setMinHeight(Region.USE_PREF_SIZE);
        facts.getChildren().add(line);
    }

    private static String what(TimelineSelection s) {
        return switch (s.kind()) {
            case WAITING -> "Wait";
            case HOLD_READ, HOLD_WRITE -> "Hold";
            case SENDING -> "Send";
            case RUNNING -> "Goroutine";
            case SLEEPING -> "Sleep";
            case PARKED -> "Parked";
            case BUFFERED -> "Buffered value";
            case CHAN_SEND -> "Channel send";
            case CHAN_RECV -> "Channel receive";
            case SELECT -> "Select";
            case WG_WAIT -> "WaitGroup wait";
            case COND_WAIT -> "Cond wait";
            case ONCE_WAIT -> "Once wait";
        };
    }

    private static String rangeText(RangeSummary r) {
        StringBuilder b = new StringBuilder("Time range ").append(Millis.seconds(r.start())).append(" – ")
                .append(Millis.seconds(r.end())).append(" (").append(Millis.duration(r.end() - r.start())).append(")");
        if (r.rows().isEmpty()) {
            b.append("\nno waits");
        }
        for (RangeSummary.Row row : r.rows()) {
            b.append(String.format("%n%-16s %5d waits   total %-9s  max %s", row.name(), row.waits(),
                    Millis.duration(row.totalWait()), Millis.duration(row.maxWait())));
        }
        return b.toString();
    }
}
