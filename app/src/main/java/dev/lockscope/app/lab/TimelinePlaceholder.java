package dev.lockscope.app.lab;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.trace.store.RowSummary;
import dev.lockscope.trace.store.Track;
import dev.lockscope.trace.store.TraceView;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * PLACEHOLDER for the timeline control (TimelineView, on the timeline branch). It is the region with id
 * {@code timelineSlot}; until the real control lands it says so, and draws one thin strip of the lock's
 * holders and waiters over the whole run so the centre is not empty. Remove this class when the timeline lands.
 */
final class TimelinePlaceholder implements TimelineLink {
    private final StackPane slot = new StackPane();
    private final Canvas strip = new Canvas();
    private final Label caption = new Label();
    private final LabModel model;

    TimelinePlaceholder(LabModel model) {
        this.model = model;
        slot.setId("timelineSlot");
        slot.getStyleClass().add("timeline-placeholder");
        Label title = new Label("Timeline — membersMx");
        title.getStyleClass().add("placeholder-title");
        Label note = new Label("Placeholder: the timeline control lands here. Meanwhile: the lock's holders (blue, "
                + "top) and waiters (red, bottom) over the whole run, and the playhead (orange).");
        note.setWrapText(true);
        note.getStyleClass().add("placeholder-note");
        caption.getStyleClass().add("placeholder-note");
        Pane canvasHolder = new Pane(strip);
        canvasHolder.setMinHeight(40);
        VBox.setVgrow(canvasHolder, javafx.scene.layout.Priority.ALWAYS);
        strip.widthProperty().bind(canvasHolder.widthProperty());
        strip.heightProperty().bind(canvasHolder.heightProperty());
        VBox box = new VBox(8, title, note, canvasHolder, caption);
        box.getStyleClass().add("placeholder-box");
        slot.getChildren().add(box);
        model.playheadProperty().addListener(o -> redraw());
        strip.widthProperty().addListener(o -> redraw());
        strip.heightProperty().addListener(o -> redraw());
    }

    @Override
    public Node node() {
        return slot;
    }

    @Override
    public void selectAlert(TraceEvent.Alert alert) {
        caption.setText("Selected alert at " + Format.seconds(alert.time()) + ": " + alert.summary());
    }

    @Override
    public void fitAll() {
        redraw();
    }

    private void redraw() {
        GraphicsContext g = strip.getGraphicsContext2D();
        double w = strip.getWidth();
        double h = strip.getHeight();
        g.clearRect(0, 0, w, h);
        if (model.storeProperty().get() == null || w < 2 || h < 2) {
            return;
        }
        TraceView view = model.storeProperty().get().view();
        long end = Math.max(1, model.durationProperty().get());
        int pixels = (int) Math.min(w, 2000);
        if (view.size() > 0) {
            lane(g, view.summarize(Track.lockHolders(0), 0, end, pixels), 0, h / 2 - 2, Color.web("#3b7dd8"), w / pixels);
            lane(g, view.summarize(Track.lockWaiters(0), 0, end, pixels), h / 2, h / 2 - 2, Color.web("#d9534f"), w / pixels);
        }
        double x = w * Math.min(1, model.playheadProperty().get() / (double) end);
        g.setStroke(Color.web("#f0ad4e"));
        g.setLineWidth(2);
        g.strokeLine(x, 0, x, h);
    }

    private static void lane(GraphicsContext g, RowSummary s, double y, double h, Color color, double px) {
        for (int i = 0; i < s.pixels(); i++) {
            double busy = s.busyFraction()[i];
            if (busy > 0) {
                g.setFill(color.deriveColor(0, 1, 1, 0.25 + 0.75 * busy));
                g.fillRect(i * px, y, Math.max(1, px), h);
            }
        }
    }
}
