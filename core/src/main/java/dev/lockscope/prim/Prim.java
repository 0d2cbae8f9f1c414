package dev.lockscope.prim;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.PrimKind;
import dev.lockscope.model.PrimOp;
import dev.lockscope.model.Site;
import java.util.Objects;

/**
 * A Go synchronisation primitive other than a lock, simulated exactly (docs/primitives.md): a channel, a
 * WaitGroup, a Cond, a Once, a context, a timer. Its creation is a {@code PrimCreated} event; every operation
 * that completes is an {@code Act} event, and every goroutine that blocks on it a {@code PrimWait}, ended by a
 * {@code Wake}.
 *
 * <p><b>Who could complete a wait.</b> Each primitive knows which live goroutines may still make each
 * {@link Access} to it (its <em>reachers</em>, as their programs declare them to the kernel) and how many armed
 * timers may act on it. From these it publishes, for every goroutine waiting on it, the set of goroutines that
 * could complete the wait ({@code Blocked} events, 0 standing for a timer), again whenever that set changes.
 *
 * <p>Not thread-safe: the kernel drives it from one thread.
 */
public abstract sealed class Prim permits Chan, QueuedPrim, AfterFunc {
    private final int id;
    private final String name;
    private final PrimKind kind;
    final PrimHost host;
    private final IntSet[] reachers = new IntSet[Access.values().length];
    /** Armed timers that may act on this primitive (its own, a context's deadline, an AfterFunc's goroutine). */
    private int timers;

    Prim(int id, String name, PrimKind kind, int cap, PrimHost host) {
        this.id = id;
        this.name = Objects.requireNonNull(name, "name");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.host = Objects.requireNonNull(host, "host");
        host.emit(new TraceEvent.PrimCreated(host.now(), id, name, kind, cap));
    }

    public final int id() {
        return id;
    }

    public final String name() {
        return name;
    }

    public final PrimKind kind() {
        return kind;
    }

    /** Goroutine {@code g} may make {@code access} from now on, until {@link #removeReach}. */
    public final void addReach(int g, Access access) {
        IntSet set = reachers[access.ordinal()];
        if (set == null) {
            set = reachers[access.ordinal()] = new IntSet();
        }
        set.add(g);
        republish();
    }

    /** Undoes one {@link #addReach}: goroutine {@code g} has exited. */
    public final void removeReach(int g, Access access) {
        IntSet set = reachers[access.ordinal()];
        if (set != null && set.remove(g)) {
            republish();
        }
    }

    /**
     * The world keeps this primitive and may act on it later (a room's outbox, which its future broadcasts send
     * to): until {@link #worldLetGo}, it counts as an armed timer does, so a wait on it is never a leak.
     */
    public final void worldKeeps() {
        timerArmed();
    }

    /** Undoes {@link #worldKeeps}. */
    public final void worldLetGo() {
        timerGone();
    }

    /** A timer that may act on this primitive is armed. */
    final void timerArmed() {
        timers++;
        republish();
    }

    /** A timer that may act on this primitive fired or was stopped. */
    final void timerGone() {
        timers--;
        republish();
    }

    /**
     * A timer that may act on this primitive fired and is about to act: it no longer counts, but what it does next
     * (a goroutine it starts) publishes the waits anew; see {@link PrimTimer}.
     */
    final void timerFiring() {
        timers--;
    }

    /** Adds the goroutines that may make {@code access}, and 0 if a timer may act on this primitive. */
    final void addReachers(Access access, IntSet out) {
        IntSet set = reachers[access.ordinal()];
        if (set != null) {
            set.addAllTo(out);
        }
        if (timers > 0) {
            out.add(0);
        }
    }

    /**
     * Adds who could complete a wait on this primitive: a sender's ({@code sending}) or anyone else's.
     */
    abstract void addCompleters(boolean sending, IntSet out);

    /** Puts {@code sg} at the end of this primitive's wait queue. */
    abstract void enqueue(Sudog sg);

    /** Takes {@code sg} off this primitive's wait queue (a select released by another of its cases). */
    abstract void dequeue(Sudog sg);

    /** Publishes anew what each goroutine waiting on this primitive is blocked by, where it changed. */
    abstract void republish();

    /**
     * Schedules {@code start} (a goroutine's start, or any other work that may act on {@code reaches}) at
     * {@code at} as a timer: until it runs, it counts as one who could complete the waits on those primitives, as
     * a pending timer does; when it runs, those waits are published anew once it has started.
     */
    public static void startLater(PrimHost host, long at, java.util.List<Prim> reaches, Runnable start) {
        for (Prim p : reaches) {
            p.timerArmed();
        }
        host.timer(at, () -> {
            for (Prim p : reaches) {
                p.timerFiring();
            }
            start.run();
            for (Prim p : reaches) {
                p.republish();
            }
        });
    }

    /** Emits the {@code Act} event of an operation {@code g} completed. */
    final void act(int g, PrimOp op, long n, Site site) {
        host.emit(new TraceEvent.Act(host.now(), g, id, op, n, site));
    }

    @Override
    public String toString() {
        return kind.id() + " " + name + " (" + id + ")";
    }
}
