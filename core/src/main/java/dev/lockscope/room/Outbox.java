package dev.lockscope.room;

import dev.lockscope.sim.Goroutine;
import dev.lockscope.sim.Instruction;
import dev.lockscope.sim.Program;
import java.util.ArrayDeque;

/**
 * A member's bounded outbound queue and the program of its writer goroutine ({@code member-queue}). A full
 * queue drops its oldest message. When the member leaves, the queue is closed: what is still queued is
 * discarded and the writer returns after its current send.
 */
final class Outbox implements Program {
    private final Room room;
    private final Member member;
    private final ArrayDeque<Message> queue = new ArrayDeque<>();
    private Goroutine writer;
    private boolean closed;

    Outbox(Room room, Member member) {
        this.room = room;
        this.member = member;
    }

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

    void close() {
        closed = true;
        queue.clear();
        writer.unpark();
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public Instruction next(Goroutine self) {
        if (closed) {
            return Instruction.Exit.INSTANCE;
        }
        Message msg = queue.pollFirst();
        if (msg == null) {
            return new Instruction.Park(Sites.WRITER_RECEIVE);
        }
        return room.send(member, msg, Sites.WRITER_SEND);
    }
}
