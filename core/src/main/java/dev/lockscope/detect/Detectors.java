package dev.lockscope.detect;

import dev.lockscope.detect.LiveState.GoroutineState;
import dev.lockscope.detect.LiveState.Hold;
import dev.lockscope.detect.LiveState.Wait;
import dev.lockscope.event.AlertKind;
import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.DetectorConfig;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import dev.lockscope.util.Millis;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The five detectors, run live on a run's event stream. Each alert is itself an event, raised through the
 * {@link DetectorHost}:
 * <ul>
 * <li>{@code long-wait}: a request still waiting when it has waited {@code waitThresholdNs}, raised once per wait
 *     at that instant, with the whole blocked-by chain (go-deadlock reports only the holders);
 * <li>{@code long-hold}: a hold still held after {@code holdThresholdNs}, once per hold, with what its holder is
 *     doing and who waits behind it; a hold outlives its goroutine's exit (docs/intervals.md), so the clock keeps
 *     running and the report says that the holder exited still holding the lock;
 * <li>{@code lock-order}: a goroutine asks for lock A while holding B after some goroutine asked for B while
 *     holding A, once per pair of locks, read and write alike; the order is recorded at the request, as
 *     go-deadlock's {@code lockOrder.preLock} does;
 * <li>{@code recursive}: a goroutine asks for a lock it already holds, in any mode, once per request; such a
 *     request is not checked for lock order (go-deadlock reports both);
 * <li>{@code deadlock}: a cycle in the wait-for graph (including a reader re-locking behind a pending writer),
 *     once per cycle, with every goroutine and lock on it.
 * </ul>
 * A wait or hold that ends exactly at its threshold does not alert: checks run after everything else at an
 * instant.
 */
public final class Detectors implements EventSink {
    private final DetectorConfig config;
    private final DetectorHost host;
    private final LiveState state = new LiveState();
    private final Explainer explain = new Explainer(state);
    /** First sighting of "lock b asked for while holding lock a", keyed by {@link #pair}(a, b). */
    private final Map<Long, OrderSeen> orders = new HashMap<>();
    private final Set<Long> reportedInversions = new HashSet<>();
    private final Set<List<Integer>> reportedCycles = new HashSet<>();
    private long clock;

    private record OrderSeen(String goroutine, Site firstSite, Site secondSite) {}

    public Detectors(DetectorConfig config, DetectorHost host) {
        this.config = Objects.requireNonNull(config, "config");
        this.host = Objects.requireNonNull(host, "host");
    }

    /** The state the detectors see; read-only use. */
    public LiveState state() {
        return state;
    }

    @Override
    public void accept(TraceEvent event) {
        boolean firstBlock = event instanceof TraceEvent.Blocked b && isFirstBlock(b);
        state.accept(event);
        clock = event.time();
        switch (event) {
            case TraceEvent.Request r -> {
                // A re-request of a held lock is the hazard itself: it is reported as recursive, and the locks
                // it holds besides say nothing about lock order (go-deadlock reports both; Lockscope does not).
                if (!checkRecursive(r) && config.lockOrder()) {
                    checkAndRecordOrder(r);
                }
            }
            case TraceEvent.Acquire a -> scheduleHoldCheck(a);
            case TraceEvent.Blocked b -> {
                if (firstBlock) {
                    scheduleWaitCheck(b);
                }
                checkDeadlock(b.g());
            }
            default -> { }
        }
    }

    /**
     * Whether {@code b} is the first report that a wait is blocked, which starts its long-wait clock once: a set
     * may become empty and fill again (a mutex handed from one waiter to the next), and that is still one wait.
     */
    private boolean isFirstBlock(TraceEvent.Blocked b) {
        GoroutineState g = state.find(b.g());
        return g != null && g.waiting() != null && g.waiting().lock() == b.lock() && !g.waiting().reported();
    }

    // ---- long-wait and long-hold ----

    private void scheduleWaitCheck(TraceEvent.Blocked b) {
        Wait w = state.find(b.g()).waiting();
        long due = w.since() + config.waitThresholdNs();
        int g = b.g();
        long waitId = w.id();
        host.atEndOf(due, () -> checkWait(g, waitId, due));
    }

    private void checkWait(int gid, long waitId, long now) {
        GoroutineState g = state.find(gid);
        if (g == null || g.waiting() == null || g.waiting().id() != waitId) {
            return;
        }
        Wait w = g.waiting();
        state.advanceClock(now);
        StringBuilder report = new StringBuilder();
        report.append("POTENTIAL STALL: a lock awaited longer than ").append(Millis.label(config.waitThresholdNs())).append('\n');
        report.append(explain.waitLine(g, w)).append('\n');
        explain.appendChain(report, w, "  ");
        explain.appendOtherWaiters(report, w.lock(), gid);
        String chain = chainNames(w);
        String summary = g.name() + " has waited " + Millis.label(config.waitThresholdNs()) + " for "
                + explain.lockName(w.lock()) + " (" + Explainer.op(w.mode()) + ")"
                + (chain.isEmpty() ? "" : ", behind " + chain);
        List<Integer> involved = new ArrayList<>();
        involved.add(gid);
        involved.addAll(chainIds(w));
        host.raise(new TraceEvent.Alert(now, AlertKind.LONG_WAIT, summary, report.toString().stripTrailing(),
                List.copyOf(new LinkedHashSet<>(involved)), List.of(w.lock())));
    }

    private void scheduleHoldCheck(TraceEvent.Acquire a) {
        GoroutineState g = state.find(a.g());
        Hold h = g.holdOf(a.lock());
        long due = h.since() + config.holdThresholdNs();
        int gid = a.g();
        long holdId = h.id();
        host.atEndOf(due, () -> checkHold(gid, holdId, due));
    }

    private void checkHold(int gid, long holdId, long now) {
        GoroutineState g = state.find(gid);
        if (g == null) {
            return;
        }
        Hold hold = null;
        for (Hold h : g.holds()) {
            if (h.id() == holdId) {
                hold = h;
            }
        }
        if (hold == null) {
            return;
        }
        state.advanceClock(now);
        String lock = explain.lockName(hold.lock());
        StringBuilder report = new StringBuilder();
        report.append("POTENTIAL STALL: a lock held longer than ").append(Millis.label(config.holdThresholdNs())).append('\n');
        if (g.exited()) {
            report.append(g).append(" exited at ").append(Millis.label(g.exitedAt())).append(" still holding ")
                    .append(lock).append(" (").append(Explainer.op(hold.mode())).append("), taken at ").append(hold.site())
                    .append(".\nNo goroutine can release it now: it has been held ").append(Millis.label(now - hold.since()))
                    .append(" and stays held.\n");
        } else {
            report.append(g).append(" has held ").append(lock).append(" (").append(Explainer.op(hold.mode()))
                    .append(") for ").append(Millis.label(now - hold.since())).append(", taken at ").append(hold.site())
                    .append(explain.activity(g)).append('\n');
        }
        List<Integer> behind = queuedBehind(gid, hold.lock());
        List<Integer> involved = new ArrayList<>();
        involved.add(gid);
        if (behind.isEmpty()) {
            report.append("Nobody waits behind it.\n");
        } else {
            report.append(behind.size()).append(behind.size() == 1 ? " goroutine waits" : " goroutines wait")
                    .append(" behind it, directly or through a pending writer:\n");
            int shown = 0;
            for (int b : behind) {
                GoroutineState bg = state.find(b);
                if (shown++ < 12 && bg != null && bg.waiting() != null) {
                    report.append("  ").append(explain.waitLine(bg, bg.waiting())).append('\n');
                }
                involved.add(b);
            }
            if (behind.size() > 12) {
                report.append("  … and ").append(behind.size() - 12).append(" more\n");
            }
        }
        String clause = g.exited() ? "and exited at " + Millis.label(g.exitedAt()) + " without releasing it"
                : explain.activityClause(g);
        String summary = g.name() + " has held " + lock + " (" + Explainer.op(hold.mode()) + ") for "
                + Millis.label(config.holdThresholdNs()) + (clause.isEmpty() ? "" : ", " + clause)
                + (behind.isEmpty() ? "" : "; " + behind.size() + " waiting behind it");
        host.raise(new TraceEvent.Alert(now, AlertKind.LONG_HOLD, summary, report.toString().stripTrailing(),
                List.copyOf(new LinkedHashSet<>(involved)), List.of(hold.lock())));
    }

    /** Waiters of {@code lock} whose blocked-by chain leads to {@code holder}. */
    private List<Integer> queuedBehind(int holder, int lock) {
        List<Integer> result = new ArrayList<>();
        for (GoroutineState w : state.waiters(lock)) {
            if (chainIds(w.waiting()).contains(holder)) {
                result.add(w.id());
            }
        }
        return result;
    }

    private List<Integer> chainIds(Wait w) {
        List<Integer> ids = new ArrayList<>();
        collectChain(w, ids, new HashSet<>(), 0);
        return ids;
    }

    private void collectChain(Wait w, List<Integer> ids, Set<Integer> seen, int depth) {
        if (w == null || depth > 8) {
            return;
        }
        for (int b : w.blockers()) {
            if (seen.add(b)) {
                ids.add(b);
                GoroutineState g = state.find(b);
                if (g != null) {
                    collectChain(g.waiting(), ids, seen, depth + 1);
                }
            }
        }
    }

    /** "pending writer Add(eve) ← Broadcast#7 (sending to eve)". */
    private String chainNames(Wait w) {
        StringBuilder sb = new StringBuilder();
        Set<Integer> seen = new HashSet<>();
        Wait current = w;
        for (int depth = 0; depth < 8 && current != null && !current.blockers().isEmpty(); depth++) {
            int b = current.blockers().getFirst();
            GoroutineState g = state.find(b);
            if (g == null || !seen.add(b)) {
                break;
            }
            if (!sb.isEmpty()) {
                sb.append(" ← ");
            }
            Wait gw = g.waiting();
            boolean pendingWriter = gw != null && gw.mode() == Mode.WRITE && gw.lock() == current.lock();
            sb.append(pendingWriter && current.mode() == Mode.READ ? "pending writer " : "").append(g.name());
            int others = current.blockers().size() - 1;
            String doing = g.exited() ? "exited holding " + explain.lockName(current.lock()) : Explainer.shortActivity(g);
            if (gw == null && !doing.isEmpty()) {
                sb.append(" (").append(doing).append(')');
            }
            if (others > 0) {
                sb.append(" and ").append(others).append(others == 1 ? " other" : " others");
            }
            current = gw;
        }
        return sb.toString();
    }

    // ---- recursive and lock order ----

    /** Raises a recursive-locking alert if the requester holds the lock already; returns whether it did. */
    private boolean checkRecursive(TraceEvent.Request r) {
        GoroutineState g = state.find(r.g());
        Hold held = g == null ? null : g.holdOf(r.lock());
        if (held == null) {
            return false;
        }
        String lock = explain.lockName(r.lock());
        String report = "Recursive locking: " + g + " requests " + lock + " (" + Explainer.op(r.mode()) + ") at "
                + r.site() + "\nwhile it already holds it (" + Explainer.op(held.mode()) + " since "
                + Millis.label(held.since()) + ", taken at " + held.site() + ")." + consequence(r.mode(), held.mode());
        host.raise(new TraceEvent.Alert(r.time(), AlertKind.RECURSIVE,
                g.name() + " locks " + lock + " (" + Explainer.op(r.mode()) + ") again while holding it", report,
                List.of(r.g()), List.of(r.lock())));
        return true;
    }

    /** What Go's lock does with a re-request in {@code requested} mode by a goroutine holding it in {@code held}. */
    private static String consequence(Mode requested, Mode held) {
        if (requested == Mode.WRITE) {
            return "\nA write lock never waits for itself to leave: this deadlocks.";
        }
        if (held == Mode.WRITE) {
            return "\nA read lock waits while a writer holds the lock, and the writer is this goroutine: this deadlocks.";
        }
        return "\nIn Go this deadlocks as soon as a writer is pending between the two read locks.";
    }

    private static long pair(int first, int second) {
        return ((long) first << 32) | (second & 0xffffffffL);
    }

    /**
     * go-deadlock's {@code lockOrder.preLock}: when a goroutine that holds A asks for B, first an earlier "B, then
     * A" is an inversion (reported once per pair of locks), then "A, then B" is recorded. Both happen at the
     * request, before the goroutine can block, so a plain AB-BA deadlock is reported as an inversion too.
     */
    private void checkAndRecordOrder(TraceEvent.Request r) {
        GoroutineState g = state.find(r.g());
        if (g == null) {
            return;
        }
        for (Hold h : g.holds()) {
            OrderSeen seen = orders.get(pair(r.lock(), h.lock()));
            long key = pair(Math.min(r.lock(), h.lock()), Math.max(r.lock(), h.lock()));
            if (seen != null && reportedInversions.add(key)) {
                reportInversion(r, g, h, seen);
            }
            orders.putIfAbsent(pair(h.lock(), r.lock()), new OrderSeen(g.toString(), h.site(), r.site()));
        }
    }

    private void reportInversion(TraceEvent.Request r, GoroutineState g, Hold h, OrderSeen seen) {
        String a = explain.lockName(r.lock());
        String b = explain.lockName(h.lock());
        String report = "Inconsistent locking: lock order inversion between " + a + " and " + b + ".\n"
                + "Seen before: " + seen.goroutine() + " held " + a + " (taken at " + seen.firstSite() + ")\n"
                + "  and asked for " + b + " at " + seen.secondSite() + ".\n"
                + "Now: " + g + " holds " + b + " (taken at " + h.site() + ")\n"
                + "  and asks for " + a + " at " + r.site() + ".\n"
                + "Run at the same time, these two orders can deadlock.";
        host.raise(new TraceEvent.Alert(r.time(), AlertKind.LOCK_ORDER,
                g.name() + " takes " + b + " then " + a + "; " + seen.goroutine().replaceFirst(" \\(g\\d+\\)$", "")
                        + " took " + a + " then " + b, report, List.of(r.g()), List.of(r.lock(), h.lock())));
    }

    // ---- deadlock ----

    private void checkDeadlock(int start) {
        List<Integer> cycle = findCycle(start);
        if (cycle.isEmpty()) {
            return;
        }
        List<Integer> key = new ArrayList<>(cycle);
        key.sort(null);
        if (!reportedCycles.add(key)) {
            return;
        }
        StringBuilder report = new StringBuilder();
        report.append("DEADLOCK: ").append(cycle.size() == 1 ? "a goroutine waits for itself"
                : cycle.size() + " goroutines wait for each other").append(" and will never proceed\n");
        Set<Integer> locks = new LinkedHashSet<>();
        for (int i = 0; i < cycle.size(); i++) {
            GoroutineState g = state.find(cycle.get(i));
            GoroutineState next = state.find(cycle.get((i + 1) % cycle.size()));
            Wait w = g.waiting();
            locks.add(w.lock());
            report.append("  ").append(g).append(" waits for ").append(explain.lockName(w.lock())).append(" (")
                    .append(Explainer.op(w.mode())).append(") at ").append(w.site()).append(", ")
                    .append(edge(w, next)).append('\n');
        }
        report.append("The other goroutines go on.");
        StringBuilder names = new StringBuilder();
        for (int id : cycle) {
            names.append(names.isEmpty() ? "" : " → ").append(state.find(id).name());
        }
        names.append(" → ").append(state.find(cycle.getFirst()).name());
        host.raise(new TraceEvent.Alert(clock, AlertKind.DEADLOCK, "deadlock: " + names, report.toString(), cycle,
                List.copyOf(locks)));
    }

    private String edge(Wait w, GoroutineState blocker) {
        Hold h = blocker.holdOf(w.lock());
        if (h != null) {
            return "held by " + blocker + " (" + Explainer.op(h.mode()) + " since " + Millis.label(h.since()) + ", taken at "
                    + h.site() + ")";
        }
        Wait bw = blocker.waiting();
        if (bw != null && bw.mode() == Mode.WRITE && w.mode() == Mode.READ) {
            return "behind the pending writer " + blocker;
        }
        return "behind " + blocker + ", queued ahead of it";
    }

    /** A cycle of waiting goroutines through {@code start}, in wait-for order, or empty. */
    private List<Integer> findCycle(int start) {
        List<Integer> path = new ArrayList<>();
        return dfs(start, start, path, new HashSet<>()) ? path : List.of();
    }

    private boolean dfs(int node, int start, List<Integer> path, Set<Integer> visited) {
        GoroutineState g = state.find(node);
        if (g == null || g.waiting() == null || !visited.add(node)) {
            return false;
        }
        path.add(node);
        for (int b : g.waiting().blockers()) {
            if (b == start || dfs(b, start, path, visited)) {
                return true;
            }
        }
        path.removeLast();
        return false;
    }
}
