package dev.lockscope.event;

import dev.lockscope.model.Command;
import dev.lockscope.model.LockKind;
import dev.lockscope.model.Mode;
import dev.lockscope.model.PrimKind;
import dev.lockscope.model.PrimOp;
import dev.lockscope.model.Site;
import dev.lockscope.model.WaitOp;
import java.util.List;
/**
 * One thing that happened in a run, at a virtual instant in nanoseconds. The kernel emits events in
 * non-decreasing time order; a trace file is the header plus these events, one per line
 * (docs/trace-format.md). Goroutine ids start at 1. Locks and primitives (channels, WaitGroups, ...) share one id
 * space, from 0, in order of creation; 0 in a goroutine field of an {@link Act} or a {@link Blocked} set stands for
 * the runtime's timers.
 */
public sealed interface TraceEvent {

    /** Virtual time of the event, in nanoseconds since the start of the run. */
    long time();

    /** A goroutine started; {@code parent} is 0 when the kernel or the room itself started it. */
    record Spawn(long time, int g, String name, String kind, int parent) implements TraceEvent {}

    /** A goroutine returned. */
    record Exit(long time, int g) implements TraceEvent {}

    /** A lock exists from now on. */
    record LockCreated(long time, int lock, String name, LockKind kind) implements TraceEvent {}

    /** A goroutine asked for a lock; an {@link Acquire} follows at once or later. */
    record Request(long time, int g, int lock, Mode mode, Site site) implements TraceEvent {}

    /** A goroutine got the lock it requested at {@code site}. */
    record Acquire(long time, int g, int lock, Mode mode, Site site) implements TraceEvent {}

    /** A goroutine gave a lock back at {@code site}. */
    record Release(long time, int g, int lock, Mode mode, Site site) implements TraceEvent {}

    /**
     * The goroutines that a waiting request is blocked by, emitted when the wait starts and whenever the set
     * changes: the incompatible holders, or, for a reader kept out by a pending writer, that writer. For a wait on
     * primitives ({@link PrimWait}), {@code lock} is the wait's first primitive and the set names who could
     * complete the wait (docs/primitives.md); 0 in it is a pending timer, and an empty set means nobody can.
     */
    record Blocked(long time, int g, int lock, List<Integer> blockers) implements TraceEvent {
        public Blocked {
            blockers = List.copyOf(blockers);
        }
    }

    /** A goroutine parks without holding up time (waiting for a WaitGroup, or for its queue to fill). */
    record Park(long time, int g, Site site) implements TraceEvent {}

    /** A goroutine sleeps (a script's {@code sleep}). */
    record Sleep(long time, int g, long durationNs, Site site) implements TraceEvent {}

    /** A goroutine starts sending message {@code msg} to {@code member}; it takes {@code durationNs}. */
    record SendStart(long time, int g, String member, long msg, long durationNs, Site site) implements TraceEvent {}

    /** A send finished: the member has the message, {@code latencyNs} after its broadcast started. */
    record Deliver(long time, int g, String member, long msg, long latencyNs) implements TraceEvent {}

    /** A message not delivered to a member: the strategy called {@code m.Dropped(msg)} (member-queue, on a full outbox). */
    record Drop(long time, String member, long msg) implements TraceEvent {}

    /** A member joined, left, or began to reload. */
    record MemberEvent(long time, String member, MemberChange change) implements TraceEvent {}

    /**
     * A command was applied. {@code step} is the number of kernel steps taken before it, which is what
     * lets a replay apply a live command at exactly the same point.
     */
    record CommandApplied(long time, long step, boolean live, Command command) implements TraceEvent {}

    /** A detector raised an alert. {@code report} is the full, multi-line text; {@code summary} one line. */
    record Alert(long time, AlertKind kind, String summary, String report, List<Integer> goroutines, List<Integer> locks)
            implements TraceEvent {
        public Alert {
            goroutines = List.copyOf(goroutines);
            locks = List.copyOf(locks);
        }
    }

    /** A channel or sync primitive exists from now on; {@code cap} is a channel's buffer size, else 0. */
    record PrimCreated(long time, int prim, String name, PrimKind kind, int cap) implements TraceEvent {}

    /**
     * Goroutine {@code g} blocks in {@code op} on {@code prims} (a select's channels in case order; none for a nil
     * channel or a select without cases, which block forever) until a {@link Wake}.
     */
    record PrimWait(long time, int g, WaitOp op, List<Integer> prims, Site site) implements TraceEvent {
        public PrimWait {
            prims = List.copyOf(prims);
        }
    }

    /** Goroutine {@code g}'s wait on primitives ended; {@code prim} is the one whose operation released it. */
    record Wake(long time, int g, int prim) implements TraceEvent {}

    /**
     * Goroutine {@code g} (0: the runtime's timers) completed {@code op} on {@code prim}; {@code n} is a channel's
     * buffer length after it, a WaitGroup's counter after it, the waiters a Signal or Broadcast woke, 1 when a Once
     * is done, the instant an armed timer fires, or 1 when a Stop stopped a pending timer (docs/trace-format.md).
     */
    record Act(long time, int g, int prim, PrimOp op, long n, Site site) implements TraceEvent {}

    /** Goroutine {@code g} panicked with Go's message {@code text} (send on a closed channel, ...). */
    record Panic(long time, int g, String text, Site site) implements TraceEvent {}

    /**
     * No goroutine can run and no timer is pending, with goroutines still alive: Go's runtime would stop with "all
     * goroutines are asleep - deadlock!" (runtime/proc.go, checkdead). Written only by runs that use primitives.
     */
    record Asleep(long time) implements TraceEvent {}

    /** The run reached its end; absent from a recording that was cut off. */
    record End(long time) implements TraceEvent {}
}
