package dev.lockscope.prim;

import dev.lockscope.model.PrimKind;
import java.util.ArrayDeque;

/**
 * A primitive whose waiters form one FIFO queue: a {@code WaitGroup}, a {@code Cond}, a {@code Once}. Subclasses
 * decide when waiters are released ({@link #waiters}, oldest first) and who could complete a wait.
 */
abstract sealed class QueuedPrim extends Prim permits WaitGroup, Cond, Once {
    /** The goroutines waiting, oldest first. */
    final ArrayDeque<Sudog> waiters = new ArrayDeque<>();

    QueuedPrim(int id, String name, PrimKind kind, PrimHost host) {
        super(id, name, kind, 0, host);
    }

    @Override
    final void enqueue(Sudog sg) {
        waiters.add(sg);
    }

    @Override
    final void dequeue(Sudog sg) {
        waiters.remove(sg);
    }

    @Override
    final void republish() {
        for (Sudog sg : waiters) {
            sg.wait.publish();
        }
    }
}
