package dev.lockscope.prim;

import dev.lockscope.lock.TrackedLock;
import dev.lockscope.model.Mode;
import dev.lockscope.model.PrimKind;
import dev.lockscope.model.PrimOp;
import dev.lockscope.model.Site;
import dev.lockscope.model.WaitOp;
import java.util.List;
import java.util.Objects;

/**
 * {@code sync.Cond} bound to a lock {@code L} (sync/cond.go). {@code Wait()} takes a ticket, releases {@code L}
 * and waits; the caller takes {@code L} again once woken (the next step of its program), exactly as
 * {@code c.L.Lock()} ends Go's {@code Wait}. {@code Signal()} wakes the waiter that has waited longest and
 * {@code Broadcast()} all of them, oldest first: runtime/sema.go's {@code notifyListNotifyOne} wakes the ticket
 * {@code notify}, {@code notifyListNotifyAll} walks the list in order. A Signal with no waiter does nothing, and a
 * wake-up is never lost: the ticket is taken before {@code L} is released. A Wait whose goroutine does not hold
 * {@code L} fails as Go's {@code Unlock} does ("sync: unlock of unlocked mutex").
 *
 * <p>Who could complete a wait: the goroutines that may still call {@code Signal} or {@code Broadcast}.
 */
public final class Cond extends QueuedPrim {
    private final TrackedLock lock;

    public Cond(int id, String name, TrackedLock lock, PrimHost host) {
        super(id, name, PrimKind.COND, host);
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    /** {@code c.L}. */
    public TrackedLock lock() {
        return lock;
    }

    /** {@code c.Wait()} up to the wake-up: releases {@code L} and waits (always: false). */
    public boolean await(Party p, Site site) {
        lock.unlock(p, Mode.WRITE, site);
        Waiting.start(p, WaitOp.COND_WAIT, site, host, List.of(new Sudog.Spec(this, false, null, site, -1)));
        return false;
    }

    /** {@code c.Signal()}, or {@code c.Broadcast()} when {@code all}. */
    public void signal(Party p, boolean all, Site site) {
        int n = all ? waiters.size() : Math.min(1, waiters.size());
        act(p.id(), all ? PrimOp.BROADCAST : PrimOp.SIGNAL, n, site);
        p.complete(null, true, -1);
        for (int i = 0; i < n; i++) {
            Sudog sg = waiters.poll();
            sg.wait.release(sg);
            sg.party().complete(null, true, -1);
            sg.party().wake();
        }
    }

    @Override
    void addCompleters(boolean sending, IntSet out) {
        addReachers(Access.SIGNAL, out);
    }
}
