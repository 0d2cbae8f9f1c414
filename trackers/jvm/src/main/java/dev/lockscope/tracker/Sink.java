package dev.lockscope.tracker;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One open trace stream: its {@link TraceStream} encoder, a bounded {@link ByteQueue} and the daemon thread that
 * writes the queue to the output. The {@link Recorder} calls {@link #start}, {@link #accept} and {@link #end}
 * under its lock, so lines reach the queue in time order; the writer thread alone touches the output.
 *
 * <p><b>Flushing.</b> The writer flushes whenever {@link #FLUSH_INTERVAL_NANOS} has passed since its last flush
 * and something was written, waking at least that often: an event reaches the operating system at most about
 * twice that interval after it was queued, so a crashed process loses at most the last ~100 ms (and what the
 * queue held, if the output could not keep up).
 *
 * <p><b>Exits.</b> The writer also asks the recorder, once per {@link #FLUSH_INTERVAL_NANOS}, to write the
 * {@code exit}s of the threads that ended ({@link Recorder#writeExits}): the writer thread is the one place that
 * runs periodically whatever the program does, so lock operations pay nothing for it. An exit is stamped when it is
 * noticed: one interval after the last check, at the writer's next turn (which comes at least that often), so at
 * most about two intervals after the thread's real end (later only if the recorder's lock stays busy).
 *
 * <p><b>Full queue.</b> {@link Policy#WAIT}: the recording thread waits for room. {@link Policy#DISCONNECT}: the
 * sink is dropped instead ({@link #accept} returns false and the recorder calls {@link #drop()}): its connection
 * is closed at once and its stream simply stops, without an {@code end}, which readers report as cut off.
 *
 * <p><b>Failure.</b> If writing fails the queue is discarded first (so no recording thread stays blocked on it),
 * then {@code onExit} runs; {@link #awaitWritten} rethrows the failure.
 */
final class Sink {
    /** What a full queue does to the thread that records. */
    enum Policy {
        WAIT,
        DISCONNECT
    }

    static final long FLUSH_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final int CHUNK_BYTES = 64 * 1024;

    private final String description;
    private final OutputStream out;
    private final Closeable connection;
    private final Policy policy;
    private final ByteQueue queue;
    private final Thread writer;
    private TraceStream stream; // set by start; guarded by the recorder's lock
    private Recorder recorder; // set by start, before the writer starts (which publishes it to the writer)
    private volatile IOException failure;
    private volatile boolean dropped;

    /**
     * @param description names the sink in messages: the file, or the client's address
     * @param out where the lines go; closed by the writer thread when the stream ends
     * @param connection closed by {@link #drop()} to unblock a writer stuck on a peer that does not read; may be {@code out}
     * @param onExit runs on the writer thread when it stops, for whatever reason
     */
    Sink(String description, OutputStream out, Closeable connection, int capacity, Policy policy, Consumer<Sink> onExit) {
        this.description = Objects.requireNonNull(description, "description");
        this.out = Objects.requireNonNull(out, "out");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.queue = new ByteQueue(capacity);
        Objects.requireNonNull(onExit, "onExit");
        this.writer = new Thread(() -> {
            try {
                drain();
            } finally {
                onExit.accept(this);
            }
        }, "lockscope-writer " + description);
        writer.setDaemon(true);
    }

    String description() {
        return description;
    }

    int capacity() {
        return queue.capacity();
    }

    /**
     * Under {@code recorder}'s lock: writes the header with {@code t} = 0 at {@code now} and starts the writer,
     * which reports exits to {@code recorder}.
     */
    void start(long now, Recorder recorder) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        stream = new TraceStream(now, ProcessDetails.now());
        push();
        writer.start();
    }

    /** Under the recorder's lock: queues the events' lines; false if the queue overflowed (policy DISCONNECT). */
    boolean accept(long now, LockEvent[] events) {
        for (LockEvent event : events) {
            stream.append(now, event);
        }
        return push();
    }

    /**
     * Under the recorder's lock, on this sink's writer thread only: queues the {@code exit}s of the threads that
     * ended, stamped {@code now}, as many as the queue has room for (the rest at the next call). Never waits for
     * room: this thread is the one that makes it.
     */
    void writeExits(long now) {
        stream.exits(now, queue.room());
        boolean fitted = queue.offer(stream.take()); // room only grows: other producers need the recorder's lock
        assert fitted : "exits written for room the queue did not have";
    }

    /** Whether the stream reached the readers' event limit and must end. */
    boolean isFull() {
        return stream.isFull();
    }

    /**
     * Under the recorder's lock: the exits of the threads that ended, then the {@code end} line, the last; the
     * writer then drains and closes.
     */
    void end(long now) {
        stream.end(now);
        if (!push()) {
            drop();
        }
        queue.close();
    }

    /** Drops the stream now: what is queued is lost, the connection closed. */
    void drop() {
        dropped = true;
        queue.discard();
        try {
            connection.close();
        } catch (IOException ignored) {
            // Closing is all that is wanted; a failure to close leaves nothing to do.
        }
    }

    boolean wasDropped() {
        return dropped;
    }

    /** The write failure that stopped this sink, or null. */
    IOException failure() {
        return failure;
    }

    /**
     * Waits for the writer to finish, at most {@code timeoutMillis} (0: no limit), and throws its failure, if
     * any. Never call it holding a lock {@code onExit} takes.
     */
    void awaitWritten(long timeoutMillis) throws IOException, InterruptedException {
        writer.join(timeoutMillis);
        if (failure != null) {
            throw failure;
        }
    }

    private boolean push() {
        byte[] bytes = stream.take();
        if (policy == Policy.WAIT) {
            queue.put(bytes);
            return true;
        }
        return queue.offer(bytes);
    }

    private void drain() {
        byte[] chunk = new byte[CHUNK_BYTES];
        long lastFlush = System.nanoTime();
        long lastExits = lastFlush;
        boolean unflushed = false;
        try (OutputStream o = out) {
            for (int n; (n = queue.take(chunk, FLUSH_INTERVAL_NANOS)) >= 0; ) {
                if (n > 0) {
                    o.write(chunk, 0, n);
                    unflushed = true;
                }
                long now = System.nanoTime();
                if (unflushed && now - lastFlush >= FLUSH_INTERVAL_NANOS) {
                    o.flush();
                    unflushed = false;
                    lastFlush = now;
                }
                // Once per interval; if the recorder's lock was busy, again at the next turn.
                if (now - lastExits >= FLUSH_INTERVAL_NANOS && recorder.writeExits(this)) {
                    lastExits = now;
                }
            }
        } catch (IOException e) {
            queue.discard(); // first: a recording thread may be waiting for room
            if (!dropped) {
                failure = e;
            }
        } catch (InterruptedException e) {
            queue.discard();
            Thread.currentThread().interrupt();
        }
    }
}
