package dev.lockscope.app.lab;

import dev.lockscope.event.AlertKind;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.trace.store.EventType;
import dev.lockscope.trace.store.TraceStore;
import dev.lockscope.trace.store.TraceView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An alert in one line that names its goroutine and the channels or sync primitives it is about, for the alerts
 * list, the alert strip, the pop-ups and the details panel: {@code WriteFrame (g2) blocked forever on resetChan
 * (unbuffered chan)}. An alert about locks only keeps its detector's summary.
 *
 * <p>An alert carries the ids of its goroutines and of its locks and primitives (one id space); the names are in
 * the trace's {@code spawn} and {@code prim} rows. This reads those rows of the store once, incrementally: each call
 * reads only the rows added since the last (a type byte per row, an event rebuilt only for those two kinds), and a
 * new store (another run or trace) starts over. Used on the FX thread only.
 */
final class AlertWords {
    private final Supplier<TraceStore> store;
    private TraceStore indexed;
    private int scanned;
    private final Map<Integer, String> goroutines = new HashMap<>();
    private final Map<Integer, TraceEvent.PrimCreated> prims = new HashMap<>();

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
        catchUp();
        List<String> on = new ArrayList<>();
        for (int id : alert.locks()) {
            TraceEvent.PrimCreated p = prims.get(id);
            if (p != null) {
                on.add(p.name() + " (" + p.kind().describe(p.cap()) + ")");
            }
        }
        if (on.isEmpty()) {
            return alert.summary();
        }
        String where = String.join(", ", on);
        if (alert.kind() == AlertKind.LEAK && !alert.goroutines().isEmpty()) {
            return goroutine(alert.goroutines().getFirst()) + " blocked forever on " + where;
        }
        return alert.summary() + " — on " + where;
    }

    /** {@code leak: WriteFrame (g2) blocked forever on resetChan (unbuffered chan)}: the kind, then the headline. */
    String line(TraceEvent.Alert alert) {
        return alert.kind().id() + ": " + headline(alert);
    }

    /** {@code WriteFrame (g2)}, or {@code g2} before its spawn row is read. */
    private String goroutine(int g) {
        String name = goroutines.get(g);
        return name == null ? "g" + g : name + " (g" + g + ")";
    }

    private void catchUp() {
        TraceStore s = store.get();
        if (s != indexed) {
            indexed = s;
            scanned = 0;
            goroutines.clear();
            prims.clear();
        }
        if (s == null) {
            return;
        }
        TraceView view = s.view();
        for (int row = scanned; row < view.size(); row++) {
            EventType type = view.type(row);
            if (type == EventType.SPAWN) {
                goroutines.put(view.goroutine(row), view.spawnName(row));
            } else if (type == EventType.PRIM_CREATED) {
                TraceEvent.PrimCreated p = (TraceEvent.PrimCreated) view.event(row);
                prims.putIfAbsent(p.prim(), p);
            }
        }
        scanned = view.size();
    }
}
