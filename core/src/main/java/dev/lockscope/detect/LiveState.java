package dev.lockscope.detect;

import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.LockKind;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import dev.lockscope.util.IntMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of a run at the latest event it has seen, rebuilt from events alone: which goroutines are alive,
 * what each is doing, which locks it holds and which it waits for, and what each wait is blocked by. The
 * detectors read it to explain an alert; it forgets a goroutine when it exits, so its size follows what is
 * alive, not the length of the run.
 */
public final class LiveState implements EventSink {

    /** A hold of a lock; {@code id} is unique within the run. */
    public record Hold(long id, int lock, Mode mode, Site site, long since) {}

    /** A pending request; {@code blockers} is the latest {@code Blocked} set (empty until one arrives). */
    public record Wait(long id, int lock, Mode mode, Site site, long since, List<Integer> blockers) {
        Wait withBlockers(List<Integer> b) {
            return new Wait(id, lock, mode, site, since, b);
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

        /** Holds in order of acquisition. */
        public List<Hold> holds() {
            return List.copyOf(holds);
        }

        /** The pending request, or {@code null}. */
        public Wait waiting() {
            return wait;
        }

        /** Sending, sleeping or parked, or {@code null} when none of these. */
        public Activity activity() {
            if (sending != null) {
                return new Activity.Sending(sending.member(), sending.time(), sending.durationNs());
            }
            return activity;
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

    private final IntMap<GoroutineState> goroutines = new IntMap<>();
    private final Map<Integer, LockInfo> locks = new HashMap<>();
    /** Waiting goroutines per lock, in arrival order. */
    private final Map<Integer, LinkedHashMap<Integer, GoroutineState>> waitersByLock = new HashMap<>();
    private long nextId = 1;
    private long now;

    @Override
    public void accept(TraceEvent event) {
        now = event.time();
        switch (event) {
            case TraceEvent.Spawn s -> goroutines.put(s.g(), new GoroutineState(s.g(), s.name(), s.kind()));
            case TraceEvent.Exit x -> goroutines.remove(x.g());
            case TraceEvent.LockCreated l -> locks.put(l.lock(), new LockInfo(l.lock(), l.name(), l.kind()));
            case TraceEvent.Request r -> {
                GoroutineState g = goroutine(r.g());
                g.activity = null;
                g.sending = null;
                g.wait = new Wait(nextId++, r.lock(), r.mode(), r.site(), r.time(), List.of());
                waitersByLock.computeIfAbsent(r.lock(), k -> new LinkedHashMap<>()).put(r.g(), g);
            }
            case TraceEvent.Acquire a -> {
                GoroutineState g = goroutine(a.g());
                g.wait = null;
                LinkedHashMap<Integer, GoroutineState> waiters = waitersByLock.get(a.lock());
                if (waiters != null) {
                    waiters.remove(a.g());
                }
                g.holds.add(new Hold(nextId++, a.lock(), a.mode(), a.site(), a.time()));
            }
            case TraceEvent.Release r -> {
                GoroutineState g = goroutine(r.g());
                g.activity = null;
                for (int i = g.holds.size() - 1; i >= 0; i--) {
                    Hold h = g.holds.get(i);
                    if (h.lock() == r.lock() && h.mode() == r.mode()) {
                        g.holds.remove(i);
                        break;
                    }
                }
            }
            case TraceEvent.Blocked b -> {
                GoroutineState g = goroutine(b.g());
                if (g.wait != null) {
                    g.wait = g.wait.withBlockers(b.blockers());
                }
            }
            case TraceEvent.SendStart s -> goroutine(s.g()).sending = s;
            case TraceEvent.Deliver d -> goroutine(d.g()).sending = null;
            case TraceEvent.Sleep s -> goroutine(s.g()).activity = new Activity.Sleeping(s.time(), s.durationNs());
            case TraceEvent.Park p -> {
                GoroutineState g = goroutine(p.g());
                g.sending = null;
                g.activity = new Activity.Parked(p.site(), p.time());
            }
            default -> { }
        }
    }

    private GoroutineState goroutine(int id) {
        GoroutineState g = goroutines.get(id);
        if (g == null) {
            // A trace may start mid-run; an unknown goroutine gets a placeholder rather than an error.
            g = new GoroutineState(id, "g" + id, "?");
            goroutines.put(id, g);
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

    /** The live goroutine with this id, or {@code null}. */
    public GoroutineState find(int id) {
        return goroutines.get(id);
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
        for (GoroutineState g : goroutines.values()) {
            if (g.holdOf(lock) != null) {
                result.add(g);
            }
        }
        result.sort((a, b) -> Integer.compare(a.id, b.id));
        return result;
    }

    /** A display name for a goroutine that may have exited: "Broadcast#3 (g7)". */
    public String describe(int g) {
        GoroutineState state = goroutines.get(g);
        return state != null ? state.toString() : "g" + g;
    }
}
