package dev.lockscope.prim;

import dev.lockscope.model.PrimKind;
import dev.lockscope.model.PrimOp;
import dev.lockscope.model.Site;
import java.util.List;

/**
 * The timer of {@code time.AfterFunc(d, f)} (time/sleep.go): when it fires it starts {@code f} in a goroutine of
 * its own ({@code goFunc}: {@code go arg.(func())()}); {@code Stop} prevents that if it has not fired. No one waits
 * on it; while it is pending it counts as one who could complete the waits on every primitive {@code f} may reach.
 */
public final class AfterFunc extends Prim {
    private final PrimTimer timer;

    /**
     * Arms the timer on behalf of goroutine {@code g} at {@code site}.
     *
     * @param reaches the primitives {@code f}'s goroutine may act on
     * @param start   starts {@code f}'s goroutine
     */
    public AfterFunc(int id, String name, long delayNs, List<Prim> reaches, Runnable start, int g, Site site,
                     PrimHost host) {
        super(id, name, PrimKind.AFTERFUNC, 0, host);
        this.timer = new PrimTimer(this, host, site, reaches, start, 0);
        timer.arm(g, host.now() + Math.max(0, delayNs));
    }

    /** {@code t.Stop()}: whether the timer was pending. */
    public boolean stop(Party p, Site site) {
        boolean was = timer.isPending();
        act(p.id(), PrimOp.STOP, was ? 1 : 0, site);
        timer.disarm();
        p.complete(null, was, -1);
        return was;
    }

    @Override
    void enqueue(Sudog sg) {
        throw new UnsupportedOperationException("no one waits on " + this);
    }

    @Override
    void dequeue(Sudog sg) {
        throw new UnsupportedOperationException("no one waits on " + this);
    }

    @Override
    void addCompleters(boolean sending, IntSet out) {}

    @Override
    void republish() {}
}
