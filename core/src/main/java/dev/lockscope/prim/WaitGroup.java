package dev.lockscope.prim;

import dev.lockscope.lock.GoPanic;
import dev.lockscope.model.PrimKind;
import dev.lockscope.model.PrimOp;
import dev.lockscope.model.Site;
import dev.lockscope.model.WaitOp;
import java.util.List;

/**
 * {@code sync.WaitGroup} (sync/waitgroup.go). {@code Add(delta)} moves the counter; below zero it panics with
 * "sync: negative WaitGroup counter" (the counter stays where it went, as Go's state does); at zero it releases
 * every waiter ({@code runtime_Semrelease} once per waiter: FIFO). {@code Done()} is {@code Add(-1)}.
 * {@code Wait()} returns at once when the counter is zero, else waits. (Go's "Add called concurrently with Wait"
 * misuse cannot happen here: operations are atomic.)
 *
 * <p>Who could complete a wait: the goroutines that may still call {@code Add} or {@code Done}.
 */
public final class WaitGroup extends QueuedPrim {
    private long counter;

    public WaitGroup(int id, String name, PrimHost host) {
        super(id, name, PrimKind.WAITGROUP, host);
    }

    public long counter() {
        return counter;
    }

    /** {@code wg.Add(delta)}, or {@code wg.Done()} when {@code done}. */
    public void add(Party p, long delta, boolean done, Site site) {
        counter += delta;
        act(p.id(), done ? PrimOp.DONE : PrimOp.ADD, counter, site);
        if (counter < 0) {
            throw new GoPanic("sync: negative WaitGroup counter");
        }
        p.complete(null, true, -1);
        if (counter == 0) {
            Sudog sg;
            while ((sg = waiters.poll()) != null) {
                sg.wait.release(sg);
                sg.party().complete(null, true, -1);
                sg.party().wake();
            }
        }
    }

    /** {@code wg.Wait()}: true if the counter is zero, false if {@code p} now waits. */
    public boolean await(Party p, Site site) {
        if (counter == 0) {
            p.complete(null, true, -1);
            return true;
        }
        Waiting.start(p, WaitOp.WG_WAIT, site, host, List.of(new Sudog.Spec(this, false, null, site, -1)));
        return false;
    }

    @Override
    void addCompleters(boolean sending, IntSet out) {
        addReachers(Access.ADD, out);
    }
}
