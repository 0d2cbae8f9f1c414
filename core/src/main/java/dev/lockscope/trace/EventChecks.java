package dev.lockscope.trace;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.LockKind;
import dev.lockscope.model.Mode;
import dev.lockscope.util.IdSet;
import dev.lockscope.util.IntMap;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * The rules every event of a trace obeys, whoever produced it (docs/trace-format.md, "Ordering guarantees",
 * "Consistency" and "Limits"), in one place for the trace reader (both of its paths) and the importers
 * ({@link Imports}). Stateful: one instance per trace, fed every event in order. Each check returns the first
 * rule the event breaks, in the words the user sees, or {@code null}; reading stops at the first problem, so a
 * check that fails may leave the state half-updated.
 *
 * <ul>
 *   <li><b>Order</b>: times never go backwards; nothing follows the {@code End} event; at most
 *       {@link TraceLimits#maxEvents()} events.</li>
 *   <li><b>Goroutines</b>: a {@code spawn} declares a goroutine id never used before in the trace (ids are not
 *       reused), and its parent is 0 or a goroutine spawned earlier. Every other event of a goroutine
 *       ({@code exit}, {@code request}, {@code acquire}, {@code release}, {@code blocked}, {@code park},
 *       {@code sleep}, {@code send}, {@code deliver}) needs it running: spawned, and not exited. Goroutines named
 *       as blockers ({@code by}) or in an alert need only have been spawned: a goroutine that exited holding a
 *       lock still blocks others.</li>
 *   <li><b>Locks</b>: a {@code lock} line declares an id not declared before; {@code request}, {@code acquire},
 *       {@code release} and {@code blocked} name a declared lock, and a mutex only in mode {@code w}.</li>
 *   <li><b>Holds</b>, paired as docs/intervals.md pairs them: a {@code release} in mode m needs a hold of that
 *       lock in mode m by the same goroutine; an {@code acquire} in mode {@code w} needs the lock not held at all,
 *       one in mode {@code r} needs no other goroutine's write hold (a goroutine holding the write lock may take
 *       the read lock: a Java downgrade). A goroutine that exits keeps its holds: no one else can release them.</li>
 *   <li><b>Waits</b>: a {@code blocked} report belongs to the goroutine's pending request of that lock (its last
 *       {@code request} not yet followed by an {@code acquire} of that lock), or to its wait on primitives whose
 *       first primitive it names; only then may {@code by} hold 0, a pending timer. A new request replaces a
 *       pending one, and an acquire needs no request (a tracker's request abandoned on a timeout leaves the first
 *       pending).</li>
 *   <li><b>Primitives</b> (format version 3): a {@code prim} line declares an id no lock or primitive used before
 *       (they share one id space); {@code wait}, {@code wake} and {@code act} name declared primitives, and
 *       {@code alert}s may name them too. A {@code wake} ends the goroutine's {@code wait}; an {@code act} of
 *       goroutine 0 is the runtime's (a timer's); {@code wait}, {@code wake}, {@code panic} and any other
 *       {@code act} need their goroutine running. A trace of an older version holds none of these events.</li>
 * </ul>
 *
 * <p>Memory follows what is open (the holds and pending requests of running goroutines, locks), plus the sets of
 * goroutine ids spawned and exited so far, at most 2 bytes per id each ({@link IdSet}).
 */
final class EventChecks {
    private static final int NONE = -1;
    /** A wait on no primitive at all (a nil channel, an empty select): it never ends. */
    private static final int NOTHING = -2;
    private static final int RUNNING_CACHE = 1 << 10;

    private final long maxEvents;
    private final int version;
    private long lastTime = Long.MIN_VALUE;
    private long events;
    private boolean ended;
    private final IdSet spawned = new IdSet();
    private final IdSet exited = new IdSet();
    /**
     * Goroutines known to be running, direct-mapped by their low bits (0: none; ids are at least 1): a goroutine's
     * events come close together, so most checks find it here instead of asking both sets.
     */
    private final int[] runningCache = new int[RUNNING_CACHE];
    /**
     * The holds and pending request of running goroutines that have any: most goroutines of a room lock nothing,
     * and need no entry (a map entry made and removed per goroutine would cost more than all their other checks).
     */
    private final IntMap<Holds> holds = new IntMap<>();
    private final ArrayDeque<Holds> spare = new ArrayDeque<>();
    private final IntMap<LockState> locks = new IntMap<>();
    private final IdSet prims = new IdSet();
    // The last lock looked up: most lines of a room name the same lock.
    private int lastLockId = NONE;
    private LockState lastLock;

    /** Checks for a trace of the current format version. */
    EventChecks(TraceLimits limits) {
        this(limits, TraceFile.VERSION);
    }

    /** @param version the format version of the trace's header: an older one holds no event it lacks */
    EventChecks(TraceLimits limits, int version) {
        this.maxEvents = limits.maxEvents();
        this.version = version;
    }

    /** A broken rule: the field it concerns ("" for the line as a whole) and what is wrong. */
    record Problem(String field, String message) {}

    // ---- order ----

    /** A line's time (site lines too): times never go backwards. */
    Problem time(long t) {
        if (t < lastTime) {
            return new Problem("t", "time goes backwards: " + t + " after " + lastTime);
        }
        lastTime = t;
        return null;
    }

    /** One more event ({@code end}: the {@code End} event): nothing after the end, and the event limit. */
    Problem next(boolean end) {
        if (ended) {
            return new Problem("e", "event after the end event");
        }
        if (++events > maxEvents) {
            return new Problem("", "more than " + maxEvents + " events (the limit)");
        }
        ended = end;
        return null;
    }

    /** Whether the trace's {@code End} event has been seen. */
    boolean ended() {
        return ended;
    }

    /** Events accepted so far. */
    long events() {
        return events;
    }

    // ---- goroutines ----

    Problem spawn(int g, int parent) {
        if (!spawned.add(g)) {
            return new Problem("g", "goroutine " + g + " was already spawned (goroutine ids are never reused)");
        }
        if (parent != 0 && !spawned.contains(parent)) {
            return new Problem("parent", "goroutine " + parent + " was never spawned (expected 0 or an earlier "
                    + "goroutine)");
        }
        runningCache[g & (RUNNING_CACHE - 1)] = g;
        return null;
    }

    Problem exit(int g) {
        Problem p = event(g);
        if (p != null) {
            return p;
        }
        exited.add(g);
        if (runningCache[g & (RUNNING_CACHE - 1)] == g) {
            runningCache[g & (RUNNING_CACHE - 1)] = 0;
        }
        Holds h = holds.remove(g); // its holds stay counted in their locks: no one else can release them
        if (h != null) {
            recycle(h);
        }
        return null;
    }

    /** An event of goroutine {@code g} with no other reference: park, sleep, send, deliver. */
    Problem event(int g) {
        if (runningCache[g & (RUNNING_CACHE - 1)] == g) {
            return null;
        }
        if (!spawned.contains(g)) {
            return new Problem("g", "goroutine " + g + " was never spawned (a spawn line must come before its other "
                    + "events)");
        }
        if (exited.contains(g)) {
            return new Problem("g", "goroutine " + g + " has exited");
        }
        runningCache[g & (RUNNING_CACHE - 1)] = g;
        return null;
    }

    // ---- locks ----

    Problem lock(int lock, LockKind kind) {
        if (locks.get(lock) != null) {
            return new Problem("lock", "lock " + lock + " is already declared (lock ids are never reused)");
        }
        if (prims.contains(lock)) {
            return new Problem("lock", "id " + lock + " is already a primitive's (locks and primitives share one "
                    + "id space)");
        }
        locks.put(lock, new LockState(kind == LockKind.MUTEX));
        return null;
    }

    Problem request(int g, int lock, Mode mode) {
        Problem p = use(g, lock, mode);
        if (p != null) {
            return p;
        }
        holdsOf(g).waitLock = lock;
        return null;
    }

    Problem acquire(int g, int lock, Mode mode) {
        Problem p = use(g, lock, mode);
        if (p != null) {
            return p;
        }
        LockState l = lastLock;
        boolean read = mode == Mode.READ;
        if (read ? l.writeHolds > 0 && l.writer != g : l.writeHolds + l.readHolds > 0) {
            return new Problem("lock", "lock " + lock + " is held " + l.describe() + ", so goroutine " + g
                    + " cannot " + (read ? "read-lock it (a read hold needs no other goroutine's write hold)"
                    : "lock it (a write hold excludes every other hold)"));
        }
        Holds h = holdsOf(g);
        if (h.waitLock == lock) {
            h.waitLock = NONE;
        }
        h.hold(lock, read);
        if (read) {
            l.readHolds++;
        } else {
            l.writeHolds++;
            l.writer = g;
        }
        return null;
    }

    Problem release(int g, int lock, Mode mode) {
        Problem p = use(g, lock, mode);
        if (p != null) {
            return p;
        }
        boolean read = mode == Mode.READ;
        Holds h = holds.get(g);
        if (h == null || !h.release(lock, read)) {
            return new Problem("lock", "goroutine " + g + (h != null && h.holds(lock) ? " holds lock " + lock
                    + " only in mode " + (read ? "w" : "r") + ", not " + mode.code() : " does not hold lock " + lock));
        }
        if (h.isIdle()) {
            holds.remove(g);
            recycle(h);
        }
        LockState l = lastLock;
        if (read) {
            l.readHolds--;
        } else {
            l.writeHolds--;
            l.writer = 0;
        }
        return null;
    }

    Problem blocked(int g, int lock, int[] by, int count) {
        Problem p = event(g);
        if (p != null) {
            return p;
        }
        Holds h = holds.get(g);
        boolean onPrims = prims.contains(lock);
        if (onPrims) {
            if (h == null || h.primWait != lock) {
                return new Problem("lock", "goroutine " + g + " is not waiting on primitive " + lock
                        + " (a blocked report follows the goroutine's wait, naming its first primitive)");
            }
        } else if (lockState(lock) == null) {
            return undeclared(lock);
        } else if (h == null || h.waitLock != lock) {
            return new Problem("lock", "goroutine " + g + " is not waiting for lock " + lock
                    + " (a blocked report follows the goroutine's request)");
        }
        for (int i = 0; i < count; i++) {
            if (by[i] == 0 && onPrims) {
                continue; // a pending timer
            }
            if (!spawned.contains(by[i])) {
                return new Problem("by", "goroutine " + by[i] + " was never spawned");
            }
        }
        return null;
    }

    Problem alert(List<Integer> goroutines, List<Integer> alertLocks) {
        for (int g : goroutines) {
            if (!spawned.contains(g)) {
                return new Problem("g", "goroutine " + g + " was never spawned");
            }
        }
        for (int lock : alertLocks) {
            if (lockState(lock) == null && !prims.contains(lock)) {
                return new Problem("locks", "lock " + lock + " was never declared");
            }
        }
        return null;
    }

    // ---- primitives ----

    Problem prim(int prim) {
        if (!prims.add(prim)) {
            return new Problem("prim", "primitive " + prim + " is already declared (ids are never reused)");
        }
        if (locks.get(prim) != null) {
            return new Problem("prim", "id " + prim + " is already a lock's (locks and primitives share one id space)");
        }
        return null;
    }

    /** Goroutine {@code g} blocks on primitives {@code waitPrims} (none: a wait that never ends). */
    Problem primWait(int g, List<Integer> waitPrims) {
        Problem p = event(g);
        if (p != null) {
            return p;
        }
        for (int prim : waitPrims) {
            if (!prims.contains(prim)) {
                return undeclaredPrim("prims", prim);
            }
        }
        Holds h = holdsOf(g);
        h.primWait = waitPrims.isEmpty() ? NOTHING : waitPrims.getFirst();
        return null;
    }

    Problem wake(int g, int prim) {
        Problem p = event(g);
        if (p != null) {
            return p;
        }
        if (!prims.contains(prim)) {
            return undeclaredPrim("prim", prim);
        }
        Holds h = holds.get(g);
        if (h == null || h.primWait == NONE) {
            return new Problem("g", "goroutine " + g + " is not waiting on primitives (a wake follows a wait)");
        }
        h.primWait = NONE;
        if (h.isIdle()) {
            holds.remove(g);
            recycle(h);
        }
        return null;
    }

    /** An operation of goroutine {@code g} (0: the runtime's timers) on {@code prim}. */
    Problem act(int g, int prim) {
        Problem p = g == 0 ? null : event(g);
        if (p != null) {
            return p;
        }
        return prims.contains(prim) ? null : undeclaredPrim("prim", prim);
    }

    private static Problem undeclaredPrim(String field, int prim) {
        return new Problem(field, "primitive " + prim + " was never declared (a prim line must come before its "
                + "first use)");
    }

    // ---- an importer's events ----

    /** Every rule, for an event that did not come from a file line (an importer's): the first one broken. */
    Problem check(TraceEvent event) {
        if (ended) {
            return new Problem("e", "event after the end event");
        }
        if (event.time() < 0) {
            return new Problem("t", "expected an integer >= 0, got " + event.time());
        }
        Problem p = time(event.time());
        if (p == null) {
            p = next(event instanceof TraceEvent.End);
        }
        if (p == null && version < 3 && isVersion3(event)) {
            p = new Problem("e", event.getClass().getSimpleName() + " events need format version 3, but this trace is"
                    + " version " + version);
        }
        if (p == null) {
            p = ids(event, version);
        }
        return p != null ? p : references(event);
    }

    private Problem references(TraceEvent event) {
        return switch (event) {
            case TraceEvent.Spawn s -> spawn(s.g(), s.parent());
            case TraceEvent.Exit x -> exit(x.g());
            case TraceEvent.LockCreated l -> lock(l.lock(), l.kind());
            case TraceEvent.Request r -> request(r.g(), r.lock(), r.mode());
            case TraceEvent.Acquire a -> acquire(a.g(), a.lock(), a.mode());
            case TraceEvent.Release r -> release(r.g(), r.lock(), r.mode());
            case TraceEvent.Blocked b -> blocked(b.g(), b.lock(), b.blockers().stream().mapToInt(Integer::intValue)
                    .toArray(), b.blockers().size());
            case TraceEvent.Park p -> event(p.g());
            case TraceEvent.Sleep s -> event(s.g());
            case TraceEvent.SendStart s -> event(s.g());
            case TraceEvent.Deliver d -> event(d.g());
            case TraceEvent.Alert a -> alert(a.goroutines(), a.locks());
            case TraceEvent.PrimCreated c -> prim(c.prim());
            case TraceEvent.PrimWait w -> primWait(w.g(), w.prims());
            case TraceEvent.Wake w -> wake(w.g(), w.prim());
            case TraceEvent.Act a -> act(a.g(), a.prim());
            case TraceEvent.Panic p -> event(p.g());
            default -> null;
        };
    }

    private static boolean isVersion3(TraceEvent event) {
        return switch (event) {
            case TraceEvent.PrimCreated _, TraceEvent.PrimWait _, TraceEvent.Wake _, TraceEvent.Act _,
                 TraceEvent.Panic _, TraceEvent.Asleep _ -> true;
            default -> false;
        };
    }

    /** The id ranges a file's fields enforce when they are read. */
    private static Problem ids(TraceEvent event, int version) {
        int minBy = version < 3 ? 1 : 0;
        return switch (event) {
            case TraceEvent.Spawn s -> s.g() < 1 ? goroutineId("g", s.g())
                    : s.parent() < 0 ? new Problem("parent", "expected an integer >= 0, got " + s.parent()) : null;
            case TraceEvent.Exit x -> x.g() < 1 ? goroutineId("g", x.g()) : null;
            case TraceEvent.LockCreated l -> l.lock() < 0 ? lockId(l.lock()) : null;
            case TraceEvent.Request r -> r.g() < 1 ? goroutineId("g", r.g()) : r.lock() < 0 ? lockId(r.lock()) : null;
            case TraceEvent.Acquire a -> a.g() < 1 ? goroutineId("g", a.g()) : a.lock() < 0 ? lockId(a.lock()) : null;
            case TraceEvent.Release r -> r.g() < 1 ? goroutineId("g", r.g()) : r.lock() < 0 ? lockId(r.lock()) : null;
            case TraceEvent.Blocked b -> b.g() < 1 ? goroutineId("g", b.g()) : b.lock() < 0 ? lockId(b.lock())
                    : b.blockers().stream().anyMatch(id -> id < minBy) ? new Problem("by", "expected goroutine ids >= "
                    + minBy + ", got " + b.blockers()) : null;
            case TraceEvent.Park p -> p.g() < 1 ? goroutineId("g", p.g()) : null;
            case TraceEvent.Sleep s -> s.g() < 1 ? goroutineId("g", s.g())
                    : s.durationNs() < 0 ? new Problem("dur", "expected an integer >= 0, got " + s.durationNs()) : null;
            case TraceEvent.SendStart s -> s.g() < 1 ? goroutineId("g", s.g()) : null;
            case TraceEvent.Deliver d -> d.g() < 1 ? goroutineId("g", d.g()) : null;
            case TraceEvent.PrimCreated p -> p.prim() < 0 ? primId(p.prim())
                    : p.cap() < 0 ? new Problem("cap", "expected an integer >= 0, got " + p.cap()) : null;
            case TraceEvent.PrimWait w -> w.g() < 1 ? goroutineId("g", w.g())
                    : w.prims().stream().anyMatch(id -> id < 0) ? new Problem("prims", "expected ids >= 0, got "
                    + w.prims()) : null;
            case TraceEvent.Wake w -> w.g() < 1 ? goroutineId("g", w.g()) : w.prim() < 0 ? primId(w.prim()) : null;
            case TraceEvent.Act a -> a.g() < 0 ? new Problem("g", "expected an integer >= 0, got " + a.g())
                    : a.prim() < 0 ? primId(a.prim()) : null;
            case TraceEvent.Panic p -> p.g() < 1 ? goroutineId("g", p.g()) : null;
            default -> null;
        };
    }

    private static Problem goroutineId(String field, int id) {
        return new Problem(field, "expected an integer >= 1, got " + id);
    }

    private static Problem primId(int id) {
        return new Problem("prim", "expected an integer >= 0, got " + id);
    }

    private static Problem lockId(int id) {
        return new Problem("lock", "expected an integer >= 0, got " + id);
    }

    // ---- state ----

    private Holds holdsOf(int g) {
        Holds h = holds.get(g);
        if (h == null) {
            h = spare.isEmpty() ? new Holds() : spare.pop();
            holds.put(g, h);
        }
        return h;
    }

    private void recycle(Holds h) {
        h.clear();
        spare.push(h);
    }

    private LockState lockState(int lock) {
        if (lock == lastLockId) {
            return lastLock;
        }
        LockState l = locks.get(lock);
        if (l != null) {
            lastLockId = lock;
            lastLock = l;
        }
        return l;
    }

    /** Checks a lock event's goroutine and lock, leaving the lock's state in {@link #lastLock}. */
    private Problem use(int g, int lock, Mode mode) {
        Problem p = event(g);
        if (p != null) {
            return p;
        }
        LockState l = lockState(lock);
        if (l == null) {
            return undeclared(lock);
        }
        if (l.mutex && mode == Mode.READ) {
            return new Problem("mode", "lock " + lock + " is a mutex, which has only mode w");
        }
        return null;
    }

    private static Problem undeclared(int lock) {
        return new Problem("lock", "lock " + lock + " was never declared (a lock line must come before its first use)");
    }

    /** A declared lock's holds. */
    private static final class LockState {
        final boolean mutex;
        int readHolds;
        int writeHolds;
        /** The goroutine of the write hold, when there is one. */
        int writer;

        LockState(boolean mutex) {
            this.mutex = mutex;
        }

        String describe() {
            return writeHolds > 0 ? "in mode w by goroutine " + writer
                    : "in mode r (" + readHolds + (readHolds == 1 ? " hold)" : " holds)");
        }
    }

    /** A running goroutine's pending request and its holds, oldest first. */
    private static final class Holds {
        int waitLock = NONE;
        /** The first primitive of a pending wait on primitives, {@link #NOTHING} for a wait on none, or NONE. */
        int primWait = NONE;
        int[] holdLocks = new int[2];
        boolean[] holdRead = new boolean[2];
        int holds;

        void hold(int lock, boolean read) {
            if (holds == holdLocks.length) {
                holdLocks = Arrays.copyOf(holdLocks, holds * 2);
                holdRead = Arrays.copyOf(holdRead, holds * 2);
            }
            holdLocks[holds] = lock;
            holdRead[holds] = read;
            holds++;
        }

        /** Ends the most recent hold of {@code lock} in that mode; false if there is none. */
        boolean release(int lock, boolean read) {
            for (int i = holds - 1; i >= 0; i--) {
                if (holdLocks[i] == lock && holdRead[i] == read) {
                    System.arraycopy(holdLocks, i + 1, holdLocks, i, holds - i - 1);
                    System.arraycopy(holdRead, i + 1, holdRead, i, holds - i - 1);
                    holds--;
                    return true;
                }
            }
            return false;
        }

        boolean holds(int lock) {
            for (int i = 0; i < holds; i++) {
                if (holdLocks[i] == lock) {
                    return true;
                }
            }
            return false;
        }

        boolean isIdle() {
            return holds == 0 && waitLock == NONE && primWait == NONE;
        }

        void clear() {
            waitLock = NONE;
            primWait = NONE;
            holds = 0;
        }
    }
}
