package dev.lockscope.app.lab;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.trace.store.TraceStore;
import dev.lockscope.trace.store.TraceView;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ObservableListBase;

/**
 * The first {@link #size()} alerts of a trace store, as an observable list that holds none of them: each is rebuilt
 * from the store's compressed blocks when asked for ({@link TraceView#alert}), and the few a list view shows are
 * cached. So the alerts panel, the strip and the details cost the same memory after a million alerts as after ten,
 * while the store (which pages) keeps them all. Read-only to its users; the lab moves it with {@link #show}. FX
 * thread only.
 */
final class StoreAlerts extends ObservableListBase<TraceEvent.Alert> {
    private static final int CACHED = 256;

    private TraceStore store;
    private TraceView view;
    private int size;
    private final Map<Integer, TraceEvent.Alert> cache = new LinkedHashMap<>(CACHED * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, TraceEvent.Alert> eldest) {
            return size() > CACHED;
        }
    };

    /**
     * Shows the first {@code count} alerts of {@code view}, a view of {@code store} (both null: none): an addition or
     * removal at the end when {@code store} is the one shown before, else a replacement of the whole list.
     */
    void show(TraceStore store, TraceView view, int count) {
        int now = view == null ? 0 : Math.min(count, view.alertCount());
        int before = size;
        boolean sameStore = store != null && store == this.store;
        if (!sameStore) {
            cache.clear();
        }
        this.store = store;
        this.view = view;
        if (sameStore && now == before) {
            return;
        }
        size = now;
        beginChange();
        if (!sameStore) {
            if (before > 0) {
                nextRemove(0, removedPlaceholder(before));
            }
            if (now > 0) {
                nextAdd(0, now);
            }
        } else if (now > before) {
            nextAdd(before, now);
        } else {
            for (int i = before - 1; i >= now; i--) {
                cache.remove(i);
            }
            nextRemove(now, removedPlaceholder(before - now));
        }
        endChange();
    }

    /** Listeners are told how many went, not which: rebuilding alerts that are gone would cost what this saves. */
    private static List<TraceEvent.Alert> removedPlaceholder(int n) {
        return Collections.nCopies(n, null);
    }

    /** The store whose alerts this shows, or null. */
    TraceStore store() {
        return store;
    }

    /** The view whose alerts this shows, or null. */
    TraceView view() {
        return view;
    }

    @Override
    public TraceEvent.Alert get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("alert " + index + " of " + size);
        }
        TraceEvent.Alert alert = cache.get(index);
        if (alert == null) {
            alert = view.alert(index);
            cache.put(index, alert);
        }
        return alert;
    }

    @Override
    public int size() {
        return size;
    }

    /** By the alert's time in the store, not by a scan that would rebuild every alert before it. */
    @Override
    public int indexOf(Object o) {
        if (!(o instanceof TraceEvent.Alert alert) || view == null) {
            return -1;
        }
        int i = view.indexOfAlert(alert);
        return i < size ? i : -1;
    }

    @Override
    public boolean contains(Object o) {
        return indexOf(o) >= 0;
    }
}
