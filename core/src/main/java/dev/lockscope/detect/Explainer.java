package dev.lockscope.detect;

import dev.lockscope.detect.LiveState.Activity;
import dev.lockscope.detect.LiveState.GoroutineState;
import dev.lockscope.detect.LiveState.Hold;
import dev.lockscope.detect.LiveState.Wait;
import dev.lockscope.model.Mode;
import dev.lockscope.util.Millis;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the human side of an alert from the {@link LiveState}: who waits, for what, behind whom, and what
 * the goroutine at the root of the chain is doing. The chain follows each blocker on: a pending writer to the
 * readers it waits for, a holder to the lock it in turn waits for.
 */
final class Explainer {
    private static final int MAX_DEPTH = 8;
    private final LiveState state;

    Explainer(LiveState state) {
        this.state = state;
    }

    static String op(Mode mode) {
        return mode == Mode.READ ? "RLock" : "Lock";
    }

    String lockName(int lock) {
        return state.lock(lock).name();
    }

    /** "Broadcast#3 (g7) waits 1000 ms for membersMx (RLock) at Room.Broadcast: r.membersMx.RLock()". */
    String waitLine(GoroutineState g, Wait w) {
        return g + " has waited " + Millis.label(state.now() - w.since()) + " for " + lockName(w.lock()) + " ("
                + op(w.mode()) + ") at " + w.site();
    }

    /** The blocked-by chain of a wait, one goroutine per line, indented by depth. */
    void appendChain(StringBuilder out, Wait w, String indent) {
        appendBlockers(out, w, indent, new HashSet<>(), 0);
    }

    private void appendBlockers(StringBuilder out, Wait w, String indent, Set<Integer> seen, int depth) {
        List<Integer> blockers = w.blockers();
        if (blockers.isEmpty()) {
            return;
        }
        for (int b : blockers) {
            GoroutineState g = state.find(b);
            out.append(indent).append("blocked by ");
            if (g == null) {
                out.append("g").append(b).append('\n');
                continue;
            }
            if (!seen.add(b) || depth >= MAX_DEPTH) {
                out.append(g).append(" (already shown above)\n");
                continue;
            }
            Wait gw = g.waiting();
            Hold h = g.holdOf(w.lock());
            if (gw != null && gw.lock() == w.lock() && h == null) {
                String role = gw.mode() == Mode.WRITE && w.mode() == Mode.READ ? "the pending writer " : "";
                out.append(role).append(g).append(", which has waited ").append(Millis.label(state.now() - gw.since()))
                        .append(" for ").append(lockName(gw.lock())).append(" (").append(op(gw.mode())).append(") at ")
                        .append(gw.site()).append('\n');
                appendBlockers(out, gw, indent + "  ", seen, depth + 1);
                continue;
            }
            out.append(g);
            if (h != null && g.exited()) {
                out.append(", which exited at ").append(Millis.label(g.exitedAt())).append(" still holding ")
                        .append(lockName(h.lock())).append(" (").append(op(h.mode())).append("), taken at ")
                        .append(h.site()).append('\n');
                continue;
            }
            if (h != null) {
                out.append(", holding ").append(lockName(h.lock())).append(" (").append(op(h.mode())).append(") for ")
                        .append(Millis.label(state.now() - h.since())).append(", taken at ").append(h.site());
            }
            out.append(activity(g)).append('\n');
            if (gw != null) {
                out.append(indent).append("  which waits ").append(Millis.label(state.now() - gw.since())).append(" for ")
                        .append(lockName(gw.lock())).append(" (").append(op(gw.mode())).append(") at ")
                        .append(gw.site()).append('\n');
                appendBlockers(out, gw, indent + "    ", seen, depth + 1);
            }
        }
    }

    /** "; now sending to bob for 1840 ms so far (of 2000 ms)", or empty. */
    String activity(GoroutineState g) {
        String clause = activityClause(g);
        return clause.isEmpty() ? "" : "; " + clause;
    }

    /** "now sending to bob for 1840 ms so far (of 2000 ms)", or empty. */
    String activityClause(GoroutineState g) {
        Activity a = g.activity();
        if (a == null) {
            return "";
        }
        long now = state.now();
        return switch (a) {
            case Activity.Sending s -> "now sending to " + s.member() + " for " + Millis.label(now - s.since())
                    + " so far (of " + Millis.label(s.durationNs()) + ")";
            case Activity.Sleeping s -> "now sleeping for " + Millis.label(now - s.since()) + " so far (of "
                    + Millis.label(s.durationNs()) + ")";
            case Activity.Parked p -> "now parked for " + Millis.label(now - p.since()) + " at " + p.site();
        };
    }

    /** What a goroutine is doing in two or three words, "sending to eve", or empty. */
    static String shortActivity(GoroutineState g) {
        return switch (g.activity()) {
            case null -> "";
            case Activity.Sending s -> "sending to " + s.member();
            case Activity.Sleeping s -> "sleeping";
            case Activity.Parked p -> "parked";
        };
    }

    /** Lists the other goroutines waiting for {@code lock}. */
    void appendOtherWaiters(StringBuilder out, int lock, int exceptG) {
        List<GoroutineState> waiters = state.waiters(lock);
        int n = 0;
        StringBuilder list = new StringBuilder();
        for (GoroutineState g : waiters) {
            if (g.id() == exceptG) {
                continue;
            }
            Wait w = g.waiting();
            if (n < 12) {
                list.append("  ").append(g).append(' ').append(op(w.mode())).append(", waiting ")
                        .append(Millis.label(state.now() - w.since())).append('\n');
            }
            n++;
        }
        if (n == 0) {
            out.append("No other goroutine waits for ").append(lockName(lock)).append(".\n");
            return;
        }
        out.append("Other goroutines waiting for ").append(lockName(lock)).append(" (").append(n).append("):\n");
        out.append(list);
        if (n > 12) {
            out.append("  … and ").append(n - 12).append(" more\n");
        }
    }
}
