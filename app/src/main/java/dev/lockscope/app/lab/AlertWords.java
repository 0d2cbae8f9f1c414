package dev.lockscope.app.lab;

import dev.lockscope.event.AlertKind;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.trace.store.TraceStore;
import dev.lockscope.trace.store.TraceView;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * An alert in one line that names its goroutine and the channels or sync primitives it is about, for the alerts
 * list, the alert strip, the pop-ups and the details panel: {@code WriteFrame (g2) blocked forever on resetChan
 * (unbuffered chan)}. An alert about locks only keeps its detector's summary.
 *
 * <p>An alert carries the ids of its goroutines and of its locks and primitives (one id space); the names are in
 * the trace's {@code spawn} and {@code prim} rows, which the store finds by id in constant time
 * ({@link TraceView#spawnRow}, {@link TraceView#primCreated}). So this keeps nothing and costs the same on a
 * 100-million-event trace as on a small one, on the FX thread.
 */
final class AlertWords {
    private final Supplier<TraceStore> store;

    /** Words for the alerts of whatever store {@code store} gives at the time of each call. */
    AlertWords(Supplier<TraceStore> store) {
        this.store = store;
    }

    /**
     * The alert in words: for an alert about channels or sync primitives, who and on what (a leak: {@code WriteFrame
     * (g2) blocked forever on resetChan (unbuffered chan)}; any other: its summary, then {@code  — on resetChan
     * (unbuffered chan)}); else its summary.
     */
    String headline(TraceEvent.Alert alert) {
        TraceStore s = store.get();
        TraceView view = s == null ? null : s.view();
        List<String> on = new ArrayList<>();
        for (int id : alert.locks()) {
            TraceEvent.PrimCreated p = view == null ? null : view.primCreated(id);
            if (p != null) {
                on.add(p.name() + " (" + p.kind().describe(p.cap()) + ")");
            }
        }
        if (on.isEmpty()) {
            return alert.summary();
        }
        String where = String.join(", ", on);
        if (alert.kind() == AlertKind.LEAK && !alert.goroutines().isEmpty()) {
            return goroutine(view, alert.goroutines().getFirst()) + " blocked forever on " + where;
        }
        return alert.summary() + " — on " + where;
    }

    /** {@code leak: WriteFrame (g2) blocked forever on resetChan (unbuffered chan)}: the kind, then the headline. */
    String line(TraceEvent.Alert alert) {
        return alert.kind().id() + ": " + headline(alert);
    }

    /** {@code WriteFrame (g2)}, or {@code g2} when its spawn row is not in the trace. */
    private static String goroutine(TraceView view, int g) {
        int row = view.spawnRow(g);
        return row < 0 ? "g" + g : view.spawnName(row) + " (g" + g + ")";
    }
}
