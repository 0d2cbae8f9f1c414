package dev.lockscope.prim;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.Site;
import dev.lockscope.model.WaitOp;
import java.util.ArrayList;
import java.util.List;

/**
 * One goroutine blocked on primitives: a channel operation, a select (one {@link Sudog} per case, as Go's
 * {@code selectgo} enqueues one sudog per channel), {@code wg.Wait}, {@code c.Wait} or {@code once.Do}. Emits the
 * {@code PrimWait} when it starts, the {@code Blocked} sets while it lasts, and the {@code Wake} when one of its
 * primitives releases it; a select's other sudogs leave their queues at that instant (selectgo's pass 3).
 */
final class Waiting {
    final Party party;
    private final WaitOp op;
    private final PrimHost host;
    private final List<Sudog> sudogs = new ArrayList<>(2);
    private final IntSet scratch = new IntSet();
    private List<Integer> published;
    private boolean done;

    private Waiting(Party party, WaitOp op, PrimHost host) {
        this.party = party;
        this.op = op;
        this.host = host;
    }

    /**
     * A wait in {@code op} on the primitives of {@code sudogs} (in case order), each already enqueued on its
     * primitive: emits the {@code PrimWait} at {@code site} and the first {@code Blocked} set.
     */
    static Waiting start(Party party, WaitOp op, Site site, PrimHost host, List<Sudog.Spec> cases) {
        Waiting w = new Waiting(party, op, host);
        List<Integer> prims = new ArrayList<>(cases.size());
        for (Sudog.Spec c : cases) {
            Sudog sg = new Sudog(w, c.prim(), c.send(), c.value(), c.site(), c.index());
            w.sudogs.add(sg);
            if (!prims.contains(c.prim().id())) {
                prims.add(c.prim().id());
            }
        }
        host.emit(new TraceEvent.PrimWait(host.now(), party.id(), op, prims, site));
        for (Sudog sg : w.sudogs) {
            sg.prim.enqueue(sg);
        }
        w.publish();
        return w;
    }

    /** A wait on nothing (a nil channel, a select whose channels are all nil): it never ends. */
    static void forever(Party party, WaitOp op, Site site, PrimHost host) {
        host.emit(new TraceEvent.PrimWait(host.now(), party.id(), op, List.of(), site));
    }

    boolean isDone() {
        return done;
    }

    /**
     * Ends the wait through {@code sg}: takes every other sudog off its queue and emits the {@code Wake}. The
     * caller then records the operation and completes the party.
     */
    void release(Sudog sg) {
        done = true;
        for (Sudog other : sudogs) {
            if (other != sg) {
                other.prim.dequeue(other);
            }
        }
        host.emit(new TraceEvent.Wake(host.now(), party.id(), sg.prim.id()));
    }

    /** Emits a {@code Blocked} event if who could complete the wait changed since the last one. */
    void publish() {
        if (done) {
            return;
        }
        scratch.clear();
        for (Sudog sg : sudogs) {
            sg.prim.addCompleters(sg.send, scratch);
        }
        List<Integer> now = scratch.toList(party.id());
        if (!now.equals(published)) {
            published = now;
            host.emit(new TraceEvent.Blocked(host.now(), party.id(), sudogs.getFirst().prim.id(), now));
        }
    }
}
