package dev.lockscope.detect;

import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.interval.IntervalKind;
import dev.lockscope.interval.IntervalTracker;
import dev.lockscope.model.LockKind;
import dev.lockscope.model.Mode;
import dev.lockscope.model.PrimKind;
import dev.lockscope.model.Site;
import dev.lockscope.model.WaitOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of a run at the latest event it has seen, rebuilt from events alone: which goroutines are alive,
 * what each is doing, which locks it holds and which it waits for (or which primitives it is blocked on), and what
 * each wait is blocked by (for a wait on primitives: who could complete it, 0 for a pending timer). The
 * detectors read it to explain an alert. It forgets a goroutine when it exits, unless the goroutine leaves a lock
 * held (or a wait open): then it stays, marked exited, for as long as that lasts, because the lock stays held
 * (docs/intervals.md) and whoever waits for it is blocked by that exited goroutine. So its size follows what is
 * alive or still held, not the length of the run.
 */
public final class LiveState implements EventSink {

    /** A hold of a lock; {@code id} is unique within the run. */
    public record Hold(int id, int lock, Mode mode, Site site, long since) {}

    /**
     * A pending request, or a wait on primitives ({@code op} not null: then {@code lock} is its first primitive or -1,
     * {@code prims} all of them, and {@code mode} null). {@code blockers} is the latest {@code Blocked} set (empty
     * until one arrives, and empty again when a report says nobody blocks it any more); {@code reported} says whether
     * any {@code Blocked} report came.
     */
    public record Wait(int id, int lock, Mode mode, Site site, long since, List<Integer> blockers, boolean reported,
                       WaitOp op, List<Integer> prims) {
        Wait withBlockers(List<Integer> b) {
            return new Wait(id, lock, mode, site, since, b, true, op, prims);
        }

        /** Whether this is a wait on primitives rather than a lock request. */
        public boolean onPrims() {
            return op != null;
        }
    }

    /** What a goroutine is doing besides holding locks. */
    public sealed interface Activity {
        record Sending(String member, long since, long durationNs) implements Activity {}

        record Sleeping(long since, long durationNs) implements Activity {}

        record Parked(Site site, long since) implements Activity {}
    }

    /** A live goroutine. */
    public static final class GoroutineState {
        private final int id;
        private final String name;
        private final String kind;
        private final List<Hold> holds = new ArrayList<>(2);
        private Wait wait;
        private Activity activity;
        /** Kept as the event itself: sends are the most frequent activity, and most end unobserved. */
        private TraceEvent.SendStart sending;
        /** When the goroutine exited, or -1 while it runs. */
        private long exitedAt = -1;

        GoroutineState(int id, String name, String kind) {
            this.id = id;
            this.name = name;
            this.kind = kind;
        }

        public int id() {
            return id;
        }

        public String name() {
            return name;
        }

        public String kind() {
            return kind;
        }

        /** Whether the goroutine has exited; it is still known because it left a lock held (or a wait open). */
        public boolean exited() {
            return exitedAt >= 0;
        }

        /** When it exited; only meaningful if {@link #exited()}. */
        public long exitedAt() {
            return exitedAt;
        }

        /** Holds in order of acquisition. */
        public List<Hold> holds() {
            return List.copyOf(holds);
        }

        /** The pending request, or {@code null}. */
        public Wait waiting() {
            return wait;
        }

        /** Sending, sleeping or parked, or {@code null} when none of these (or when it has exited). */
        public Activity activity() {
            if (exited()) {
                return null;
            }
            if (sending != null) {
                return new Activity.Sending(sending.member(), sending.time(), sending.durationNs());
            }
            return activity;
        }

        void removeHold(int id) {
            for (int i = holds.size() - 1; i >= 0; i--) {
                if (holds.get(i).id() == id) {
                    holds.remove(i);
                    return;
                }
            }
        }

        /** The most recent hold of {@code lock}, or {@code null}. */
        public Hold holdOf(int lock) {
            for (int i = holds.size() - 1; i >= 0; i--) {
                if (holds.get(i).lock() == lock) {
                    return holds.get(i);
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return name + " (g" + id + ")";
        }
    }

    /** A lock's name and kind. */
    public record LockInfo(int id, String name, LockKind kind) {}

    /** A primitive's name and kind. */
    public record PrimInfo(int id, String name, PrimKind kind) {}

    private final Map<Integer, LockInfo> locks = new HashMap<>();
    private final Map<Integer, PrimInfo> prims = new HashMap<>();
    /** Goroutines blocked on primitives now. */
    private int primWaits;
    /** Whether an event of channels or sync primitives (or a panic) has been seen. */
    private boolean primitives;
    /** Waiting goroutines per lock, in arrival order. */
    private final Map<Integer, LinkedHashMap<Integer, GoroutineState>> waitersByLock = new HashMap<>();
    private final IntervalTracker intervals = new IntervalTracker(new Intervals());
    /** The event being fed to the tracker, whose fields its callbacks need. */
    private TraceEvent current;
    /** Ids of waits and holds; they need only be unique among those open at once, so an int that wraps is enough. */
    private int nextId = 1;
    private long now;

    @Override
    public void accept(TraceEvent event) {
        now = event.time();
        current = event;
        switch (event) {
            case TraceEvent.Spawn s -> intervals.spawn(s.time(), s.g(), 0, new GoroutineState(s.g(), s.name(), s.kind()));
            case TraceEvent.Exit x -> intervals.exit(x.time(), x.g(), 0);
            case TraceEvent.LockCreated l -> {
                locks.put(l.lock(), new LockInfo(l.lock(), l.name(), l.kind()));
                intervals.advanceTo(l.time());
            }
            case TraceEvent.Request r -> intervals.request(r.time(), r.g(), r.lock(), nextId++);
            case TraceEvent.Acquire a -> intervals.acquire(a.time(), a.g(), a.lock(), a.mode() == Mode.READ, nextId++);
            case TraceEvent.Release r -> intervals.release(r.time(), r.g(), r.lock(), r.mode() == Mode.READ, 0);
            case TraceEvent.Blocked b -> {
                if (intervals.blocked(b.time(), b.g(), b.lock(), 0) != IntervalTracker.NONE) {
                    GoroutineState g = goroutine(b.g());
                    g.wait = g.wait.withBlockers(b.blockers());
                }
            }
            case TraceEvent.SendStart s -> intervals.sendStart(s.time(), s.g(), s.member(), IntervalTracker.NONE, s.msg(), 0);
            case TraceEvent.Deliver d -> intervals.deliver(d.time(), d.g(), d.member(), d.msg(), 0);
            case TraceEvent.Sleep s -> intervals.sleep(s.time(), s.g(), s.durationNs(), 0);
            case TraceEvent.Park p -> intervals.park(p.time(), p.g(), 0);
            case TraceEvent.PrimCreated p -> {
                primitives = true;
                prims.put(p.prim(), new PrimInfo(p.prim(), p.name(), p.kind()));
                intervals.advanceTo(p.time());
            }
            case TraceEvent.PrimWait w -> {
                primitives = true;
                intervals.primWait(w.time(), w.g(), IntervalKind.of(w.op()),
                        w.prims().isEmpty() ? IntervalTracker.NONE : w.prims().getFirst(), nextId++);
            }
            case TraceEvent.Wake w -> intervals.wake(w.time(), w.g(), 0);
            case TraceEvent.Act a -> intervals.act(a.time(), a.g(), a.prim(), a.op(), 0);
            case TraceEvent.Panic p -> {
                primitives = true;
                intervals.event(p.time(), p.g(), 0);
            }
            default -> {
                primitives |= event instanceof TraceEvent.Asleep;
                intervals.advanceTo(event.time());
            }
        }
        current = null;
    }

    /** What the one interval rule decides, applied to the goroutines' state. */
    private final class Intervals implements IntervalTracker.Listener {
        /** Goroutines' lives matter here only through their exits. */
        @Override
        public boolean wants(IntervalKind kind) {
            return kind != IntervalKind.RUNNING;
        }

        @Override
        public void opened(IntervalKind kind, int gid, int key, long start, long plannedEnd, int tag) {
            if (kind == IntervalKind.BUFFERED) {
                // A channel's, not a goroutine's; its sender may be goroutine 0 (a timer), which must not get a
                // placeholder state: it would be listed among the goroutines, alive forever.
                return;
            }
            GoroutineState g = goroutine(gid);
            switch (kind) {
                case CHAN_SEND, CHAN_RECV, SELECT, WG_WAIT, COND_WAIT, ONCE_WAIT -> {
                    TraceEvent.PrimWait w = (TraceEvent.PrimWait) current;
                    g.wait = new Wait(tag, key, null, w.site(), start, List.of(), false, w.op(), w.prims());
                    primWaits++;
                }
                case BUFFERED -> { }
                case WAITING -> {
                    TraceEvent.Request r = (TraceEvent.Request) current;
                    g.wait = new Wait(tag, key, r.mode(), r.site(), start, List.of(), false, null, List.of());
                    LinkedHashMap<Integer, GoroutineState> waiters = waitersByLock.get(key);
                    if (waiters == null) {
                        waiters = new LinkedHashMap<>();
                        waitersByLock.put(key, waiters);
                    }
                    waiters.put(gid, g);
                }
                case HOLD_READ, HOLD_WRITE -> {
                    TraceEvent.Acquire a = (TraceEvent.Acquire) current;
                    g.holds.add(new Hold(tag, key, a.mode(), a.site(), start));
                }
                case SENDING -> g.sending = (TraceEvent.SendStart) current;
                case SLEEPING -> g.activity = new Activity.Sleeping(start, ((TraceEvent.Sleep) current).durationNs());
                case PARKED -> g.activity = new Activity.Parked(((TraceEvent.Park) current).site(), start);
                case RUNNING -> { }
            }
        }

        @Override
        public void closed(IntervalKind kind, int gid, int key, long start, long end, int tag, int endTag) {
            if (kind == IntervalKind.BUFFERED) {
                return; // a channel's, not a goroutine's
            }
            GoroutineState g = (GoroutineState) intervals.attachment(gid);
            if (g == null) {
                return;
            }
            switch (kind) {
                case CHAN_SEND, CHAN_RECV, SELECT, WG_WAIT, COND_WAIT, ONCE_WAIT -> {
                    g.wait = null;
                    primWaits--;
                }
                case BUFFERED -> { }
                case WAITING -> {
                    g.wait = null;
                    LinkedHashMap<Integer, GoroutineState> waiters = waitersByLock.get(key);
                    if (waiters != null) {
                        waiters.remove(gid);
                    }
                }
                case HOLD_READ, HOLD_WRITE -> {
                    g.holds.removeIf(h -> h.id() == tag);
                }
                case SENDING -> g.sending = null;
                case SLEEPING, PARKED -> g.activity = null;
                case RUNNING -> { }
            }
        }

        /** The tracker forgets the goroutine with its attachment unless it left a lock held or a wait open. */
        @Override
        public void exited(int gid, long time, int tag) {
            GoroutineState g = (GoroutineState) intervals.attachment(gid);
            if (g != null) {
                g.exitedAt = time;
            }
        }
    }

    private GoroutineState goroutine(int id) {
        GoroutineState g = (GoroutineState) intervals.attachment(id);
        if (g == null) {
            // A trace may start mid-run; an unknown goroutine gets a placeholder rather than an error.
            g = new GoroutineState(id, "g" + id, "?");
            intervals.attach(id, g);
        }
        return g;
    }

    /** Moves the clock to a detector check's instant, which may lie after the latest event. */
    void advanceClock(long time) {
        now = Math.max(now, time);
    }

    /** Time of the latest event seen, or of a later detector check. */
    public long now() {
        return now;
    }

    /** The goroutine with this id, alive or exited still holding a lock, or {@code null}. */
    public GoroutineState find(int id) {
        return (GoroutineState) intervals.attachment(id);
    }

    /** A primitive's name and kind; one not declared in the trace gets a placeholder. */
    public PrimInfo prim(int id) {
        PrimInfo info = prims.get(id);
        return info != null ? info : new PrimInfo(id, "prim" + id, PrimKind.CHAN);
    }

    /** Whether {@code id} names a primitive rather than a lock (they share one id space). */
    public boolean isPrim(int id) {
        return prims.containsKey(id);
    }

    /**
     * Whether the stream has shown channels or sync primitives (or a panic) so far: until it does, none of their
     * detectors need look at an event.
     */
    public boolean sawPrimitives() {
        return primitives;
    }

    /** Goroutines blocked on primitives now. */
    public int primWaits() {
        return primWaits;
    }

    /** Every goroutine known: alive, or exited with a lock still held or a wait open; in id order. */
    public List<GoroutineState> goroutines() {
        List<GoroutineState> result = new ArrayList<>();
        intervals.forEachAttachment(a -> result.add((GoroutineState) a));
        result.sort((a, b) -> Integer.compare(a.id, b.id));
        return result;
    }

    public LockInfo lock(int id) {
        LockInfo info = locks.get(id);
        return info != null ? info : new LockInfo(id, "lock" + id, LockKind.RWMUTEX);
    }

    /** Goroutines waiting for {@code lock}, in arrival order. */
    public List<GoroutineState> waiters(int lock) {
        LinkedHashMap<Integer, GoroutineState> w = waitersByLock.get(lock);
        return w == null ? List.of() : List.copyOf(w.values());
    }

    /** Goroutines holding {@code lock}, in id order. */
    public List<GoroutineState> holders(int lock) {
        List<GoroutineState> result = new ArrayList<>();
        intervals.forEachAttachment(a -> {
            GoroutineState g = (GoroutineState) a;
            if (g.holdOf(lock) != null) {
                result.add(g);
            }
        });
        result.sort((a, b) -> Integer.compare(a.id, b.id));
        return result;
    }

    /** A display name for a goroutine that may have exited: "Broadcast#3 (g7)". */
    public String describe(int g) {
        GoroutineState state = find(g);
        return state != null ? state.toString() : "g" + g;
    }
}
