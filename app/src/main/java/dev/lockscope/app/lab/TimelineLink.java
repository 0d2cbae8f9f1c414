package dev.lockscope.app.lab;

import dev.lockscope.event.TraceEvent;
import javafx.scene.Node;

/**
 * What the lab asks of the timeline in its centre. The timeline control ({@code dev.lockscope.app.timeline.TimelineView},
 * built on another branch) drops in by implementing this, or through {@link #of}, and by binding its store to
 * {@link LabModel#storeProperty()} and its {@code playhead} to {@link LabModel#playheadProperty()}
 * (bidirectionally): see {@link LabWindow#installTimeline}.
 */
public interface TimelineLink {
    /** The node shown in the centre. */
    Node node();

    /** Shows the alert's instant and selects the wait or hold it is about (its goroutines and locks). */
    void selectAlert(TraceEvent.Alert alert);

    /** Zooms to show the whole run. */
    void fitAll();

    /** Clears the selection and the selected time range. */
    void clearSelection();

    /** A picture of the timeline for a PNG file, at a size good for a document whatever the window's. */
    javafx.scene.image.WritableImage exportImage();

    /**
     * A link from a node and method references, e.g.
     * {@code TimelineLink.of(tv, tv::selectAlert, tv::fitAll, tv::clearSelection, () -> tv.exportImage(1600))}.
     */
    static TimelineLink of(Node node, java.util.function.Consumer<TraceEvent.Alert> selectAlert, Runnable fitAll,
            Runnable clearSelection, java.util.function.Supplier<javafx.scene.image.WritableImage> exportImage) {
        return new TimelineLink() {
            @Override
            public Node node() {
                return node;
            }

            @Override
            public void selectAlert(TraceEvent.Alert alert) {
                selectAlert.accept(alert);
            }

            @Override
            public void fitAll() {
                fitAll.run();
            }

            @Override
            public void clearSelection() {
                clearSelection.run();
            }

            @Override
            public javafx.scene.image.WritableImage exportImage() {
                return exportImage.get();
            }
        };
    }
}
