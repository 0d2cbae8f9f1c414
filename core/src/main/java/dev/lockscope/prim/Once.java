package dev.lockscope.prim;

import dev.lockscope.model.PrimKind;
import dev.lockscope.model.PrimOp;
import dev.lockscope.model.Site;
import dev.lockscope.model.WaitOp;
import java.util.List;

/**
 * {@code sync.Once} (sync/once.go). The first {@code Do(f)} runs {@code f}; a {@code Do} while {@code f} runs
 * waits for it to return (Go's {@code doSlow} waits on the Once's mutex), then returns without running it; once
 * {@code f} has returned, or panicked ({@code defer atomic.StoreUint32(&o.done, 1)}), every {@code Do} returns at
 * once. A {@code Do} inside {@code f} on the same Once waits for itself: Go deadlocks on {@code o.m.Lock()}.
 *
 * <p>Who could complete a wait: the goroutine running {@code f}.
 */
public final class Once extends QueuedPrim {
    private boolean done;
    private Party runner;

    public Once(int id, String name, PrimHost host) {
        super(id, name, PrimKind.ONCE, host);
    }

    /**
     * The start of {@code once.Do(f)}: true if it completed at once, {@code ok} telling {@code p} whether to run
     * {@code f} (and then call {@link #end}); false if {@code p} waits for the running {@code f}, after which it is
     * completed with {@code ok == false}.
     */
    public boolean begin(Party p, Site site) {
        if (done) {
            p.complete(null, false, -1);
            return true;
        }
        if (runner == null) {
            runner = p;
            act(p.id(), PrimOp.DO, 0, site);
            p.complete(null, true, -1);
            return true;
        }
        Waiting.start(p, WaitOp.ONCE_WAIT, site, host, List.of(new Sudog.Spec(this, false, null, site, -1)));
        return false;
    }

    /** {@code f} returned or panicked: the Once is done; whoever waited returns. */
    public void end(Party p, Site site) {
        done = true;
        runner = null;
        act(p.id(), PrimOp.DO_END, 1, site);
        p.complete(null, true, -1);
        Sudog sg;
        while ((sg = waiters.poll()) != null) {
            sg.wait.release(sg);
            sg.party().complete(null, false, -1);
            sg.party().wake();
        }
    }

    @Override
    void addCompleters(boolean sending, IntSet out) {
        if (runner != null) {
            out.add(runner.id());
        }
    }
}
