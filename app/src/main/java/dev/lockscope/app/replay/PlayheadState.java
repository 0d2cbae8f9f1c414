package dev.lockscope.app.replay;

import dev.lockscope.run.RunMonitor;
import dev.lockscope.run.RunStatus;
import dev.lockscope.trace.store.TraceView;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javafx.concurrent.Service;
import javafx.concurrent.Task;

/**
 * The panels' state at a replay's playhead: the trace's events up to and including the playhead instant, fed
 * into a {@link RunMonitor} off the FX thread. Cached: moving the playhead forward feeds only the events in
 * between; moving it back starts again from the first event. Requests coalesce: a new playhead cancels the
 * computation in progress, and computations run one at a time on their own thread, which owns the cache.
 */
public final class PlayheadState extends Service<RunStatus> {
    private static final int CHECK_EVERY = 2048;

    private final Supplier<RunMonitor> newMonitor;
    private final TraceView view;
    private volatile long target;
    // Owned by the executor's one thread.
    private RunMonitor monitor;
    private int nextRow;
    private long monitorTime = Long.MIN_VALUE;

    /** @param newMonitor a fresh monitor for the trace, fed from its first event whenever the playhead moves back */
    public PlayheadState(Supplier<RunMonitor> newMonitor, TraceView view) {
        this.newMonitor = newMonitor;
        this.view = view;
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lockscope-playhead");
            t.setDaemon(true);
            return t;
        });
        setExecutor(executor);
    }

    /** Computes the state at {@code timeNs}, cancelling a computation for an older playhead. */
    public void request(long timeNs) {
        target = timeNs;
        restart();
    }

    @Override
    protected Task<RunStatus> createTask() {
        long t = target;
        return new Task<>() {
            @Override
            protected RunStatus call() {
                return at(t, this);
            }
        };
    }

    private RunStatus at(long t, Task<?> task) {
        if (monitor == null || t < monitorTime) {
            monitor = newMonitor.get();
            nextRow = 0;
            monitorTime = Long.MIN_VALUE;
        }
        int n = view.size();
        while (nextRow < n && view.time(nextRow) <= t) {
            monitor.accept(view.event(nextRow++));
            if (nextRow % CHECK_EVERY == 0 && task.isCancelled()) {
                monitorTime = nextRow == 0 ? Long.MIN_VALUE : view.time(nextRow - 1);
                return null;
            }
        }
        monitor.advanceTo(t);
        monitorTime = t;
        return monitor.status();
    }
}
