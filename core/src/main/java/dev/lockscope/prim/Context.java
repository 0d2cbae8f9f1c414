package dev.lockscope.prim;

import dev.lockscope.model.PrimKind;
import dev.lockscope.model.PrimOp;
import dev.lockscope.model.Site;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code context.Context} made by {@code WithCancel} or {@code WithTimeout}, as its {@code Done()} channel: a
 * channel of capacity 0 that is never sent on and is closed when the context is cancelled (context/context.go,
 * {@code cancelCtx.cancel}: {@code close(d)}). Cancelling is idempotent: a second cancel does nothing. A cancel
 * cancels the context's children too, in the order they were made (Go ranges over a map: any order), and stops
 * its deadline's timer ({@code timerCtx.cancel}: {@code c.timer.Stop()}).
 *
 * <p><b>Deadlines</b> ({@code WithDeadline}): a child whose parent's deadline comes sooner gets no timer of its
 * own; one whose deadline has passed already is cancelled at once; otherwise a timer cancels it at its deadline
 * ({@code time.AfterFunc(dur, func() { c.cancel(true, DeadlineExceeded) })}). A child of a cancelled parent is
 * cancelled when it is made ({@code propagateCancel}).
 *
 * <p>Who could complete a wait on {@code Done()}: the goroutines that may cancel the context or one of its
 * ancestors, and a pending deadline of any of them.
 */
public final class Context extends Chan {
    private final Context parent;
    private final List<Context> children = new ArrayList<>();
    private final long deadline;
    private PrimTimer timer;

    /**
     * {@code WithCancel(parent)} ({@code timeoutNs < 0}) or {@code WithTimeout(parent, timeoutNs)}, made by
     * goroutine {@code g} at {@code site}; {@code parent} null is {@code context.Background()}.
     */
    public Context(int id, String name, Context parent, long timeoutNs, int g, Site site, PrimHost host) {
        super(id, name, PrimKind.CONTEXT, 0, null, host);
        this.parent = parent;
        long inherited = parent == null ? Long.MAX_VALUE : parent.deadline;
        long own = timeoutNs < 0 ? Long.MAX_VALUE : saturatedAdd(host.now(), timeoutNs);
        this.deadline = Math.min(inherited, own);
        if (parent != null) {
            if (parent.isClosed()) {
                cancel(g, site);
                return;
            }
            parent.children.add(this);
        }
        if (own < inherited) {
            if (own <= host.now()) {
                cancel(g, site);
            } else {
                timer = new PrimTimer(this, host, site, List.of(this), () -> cancel(0, site), 0);
                timer.arm(g, own);
            }
        }
    }

    /** {@code cancel()} by goroutine {@code g} (0: its deadline): closes Done, then cancels the children. */
    public void cancel(int g, Site site) {
        if (!closeQuietly()) {
            return;
        }
        if (timer != null) {
            timer.disarmQuietly();
        }
        act(g, PrimOp.CANCEL, 0, site);
        releaseAll();
        for (Context child : List.copyOf(children)) {
            child.cancel(g, site);
        }
        children.clear();
        if (parent != null) {
            parent.children.remove(this);
        }
    }

    /** The cancel of a goroutine's step: completes it too. */
    public void cancel(Party p, Site site) {
        cancel(p.id(), site);
        p.complete(null, true, -1);
    }

    @Override
    void addCompleters(boolean sending, IntSet out) {
        for (Context c = this; c != null; c = c.parent) {
            c.addReachers(Access.CLOSE, out);
        }
    }

    @Override
    void republish() {
        super.republish();
        for (Context child : children) {
            child.republish();
        }
    }

    private static long saturatedAdd(long a, long b) {
        long s = a + b;
        return s < a ? Long.MAX_VALUE : s;
    }
}
