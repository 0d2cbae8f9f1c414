package dev.lockscope.room;

import dev.lockscope.sim.Goroutine;
import java.util.ArrayDeque;

/**
 * A member's outbox, {@code m.outbox}: a buffered channel of {@code queueLimit} messages that drops its oldest
 * message when full, read by the member's writer goroutine (the strategy program's {@code writeLoop}).
 * When the member leaves, the outbox is closed: what is still queued is discarded and the writer returns after its
 * current send.
 */
final class Outbox {
    private final ArrayDeque<Message> queue = new ArrayDeque<>();
    private Goroutine writer;
    private boolean closed;

    void attach(Goroutine writerGoroutine) {
        this.writer = writerGoroutine;
    }

    /** Queues a message; returns the dropped one when the queue was full, else {@code null}. */
    Message offer(Message msg, int limit) {
        Message dropped = queue.size() >= limit ? queue.pollFirst() : null;
        queue.addLast(msg);
        writer.unpark();
        return dropped;
    }

    /** The oldest queued message, taken out; {@code null} when none is queued. */
    Message poll() {
        return queue.pollFirst();
    }

    void close() {
        closed = true;
        queue.clear();
        writer.unpark();
    }

    boolean isClosed() {
        return closed;
    }
}
