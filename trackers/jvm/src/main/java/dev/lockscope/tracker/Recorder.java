package dev.lockscope.tracker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One tracking session: the open {@link Sink}s, and the one lock under which every event is timestamped and
 * encoded into each of them. A recorder lives from the moment the first stream opens to the moment the last one
 * closes ({@link Hub#active}); a new session gets a new recorder, which is how per-session state kept in locks
 * (the read holders of a {@link TrackedReentrantReadWriteLock}) knows that it is stale.
 *
 * <p><b>Ordering.</b> {@link #emit} takes the timestamp after taking the lock and encodes before releasing it:
 * lines reach every queue in timestamp order, so no stream's {@code t} ever decreases. Events a thread emits
 * together (a request and its acquire) share one timestamp.
 *
 * <p><b>Lock.</b> A plain {@link ReentrantLock}: tracking it would record the recorder. A recording thread may
 * wait under it for room in a file's queue, so a thread that drains a queue never waits for it: a writer thread
 * only {@linkplain ReentrantLock#tryLock() tries} it, in {@link #writeExits}.
 *
 * <p><b>Exits.</b> Each sink's writer thread calls {@link #writeExits} about every flush interval: under the lock
 * (so the {@code exit} lines take their place in time order), its stream writes an {@code exit} for each thread it
 * spawned that has ended. The check runs on writer threads only and looks only at the stream's threads not yet
 * exited; the lock methods' cost is unchanged.
 */
final class Recorder {
    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}; replaced, never changed in place. */
    private List<Sink> sinks = List.of();

    /** Timestamps {@code events} and writes them to every open stream. */
    void emit(LockEvent... events) {
        lock.lock();
        try {
            if (sinks.isEmpty()) {
                return;
            }
            long now = System.nanoTime();
            for (LockEvent event : events) {
                if (event.site() != null) {
                    event.lock().noteUse(event.site());
                }
            }
            List<Sink> closed = null;
            for (Sink sink : sinks) {
                if (!sink.accept(now, events)) {
                    sink.drop(); // fell too far behind: its writer thread then reports and detaches it
                    closed = add(closed, sink);
                } else if (sink.isFull()) {
                    sink.end(now);
                    System.err.println("lockscope: " + sink.description() + " reached " + TraceStream.EVENT_LIMIT
                            + " events, about the most a reader accepts; it ends here");
                    closed = add(closed, sink);
                }
            }
            if (closed != null) {
                List<Sink> open = new ArrayList<>(sinks);
                open.removeAll(closed);
                sinks = List.copyOf(open);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Opens {@code sink}: its header's {@code t} = 0 is now, and it receives every event from now on. */
    void attach(Sink sink) {
        lock.lock();
        try {
            sink.start(System.nanoTime(), this);
            List<Sink> open = new ArrayList<>(sinks);
            open.add(sink);
            sinks = List.copyOf(open);
        } finally {
            lock.unlock();
        }
    }

    /**
     * On {@code sink}'s writer thread: writes the {@code exit}s of the threads that ended to {@code sink}, if it is
     * still open here. Returns false, having done nothing, if the lock was busy: a recording thread holding it may
     * be waiting for this very writer to make room.
     */
    boolean writeExits(Sink sink) {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            if (sinks.contains(sink)) {
                sink.writeExits(System.nanoTime());
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Ends {@code sink} with an {@code end} line, if it is still open here; returns whether it was. */
    boolean end(Sink sink) {
        lock.lock();
        try {
            if (!sinks.contains(sink)) {
                return false;
            }
            sink.end(System.nanoTime());
            remove(sink);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Forgets {@code sink} without writing to it (its writer stopped); returns whether it was open here. */
    boolean detach(Sink sink) {
        lock.lock();
        try {
            if (!sinks.contains(sink)) {
                return false;
            }
            remove(sink);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Whether no stream is open. */
    boolean isIdle() {
        lock.lock();
        try {
            return sinks.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    private void remove(Sink sink) {
        List<Sink> open = new ArrayList<>(sinks);
        open.remove(sink);
        sinks = List.copyOf(open);
    }

    private static List<Sink> add(List<Sink> list, Sink sink) {
        List<Sink> result = list == null ? new ArrayList<>() : list;
        result.add(sink);
        return result;
    }
}
