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

    /**
     * "Broadcast#3 (g7) has waited 1000 ms for membersMx (RLock) at Room.Broadcast: r.membersMx.RLock()", or for a
     * wait on primitives "worker#1 (g2) has been blocked 1000 ms in chan send on ch at worker #2: ch <- 1".
     */
    String waitLine(GoroutineState g, Wait w) {
        if (w.onPrims()) {
            return g + " has been blocked " + Millis.label(state.now() - w.since()) + " in " + blockedIn(w) + " at "
                    + w.site();
        }
        return g + " has waited " + Millis.label(state.now() - w.since()) + " for " + lockName(w.lock()) + " ("
                + op(w.mode()) + ") at " + w.site();
    }

    /** "chan send on ch", "select on ch, time.After", "chan receive (nil chan)": Go's wait reason and the primitives. */
    String blockedIn(Wait w) {
        return w.op().goReason(w.prims().isEmpty()) + (w.prims().isEmpty() ? "" : " on " + primNames(w.prims()));
    }

    String primNames(List<Integer> prims) {
        return String.join(", ", prims.stream().map(p -> state.prim(p).name()).toList());
    }

    /** What would complete a wait on primitives: "receive from ch or close it". */
    String completion(Wait w) {
        String on = primNames(w.prims());
        return switch (w.op()) {
            case CHAN_SEND -> "receive from " + on + " or close it";
            case CHAN_RECV -> w.prims().size() == 1 && state.prim(w.prims().getFirst()).kind()
                    == dev.lockscope.model.PrimKind.CONTEXT ? "cancel " + on + " (or a parent of it)"
                    : "send on " + on + " or close it";
            case SELECT -> "complete a case of the select (on " + on + ")";
            case WG_WAIT -> "call " + on + ".Done or .Add";
            case COND_WAIT -> "call " + on + ".Signal or .Broadcast";
            case ONCE_WAIT -> "finish the f of " + on + ".Do";
        };
    }

    /**
     * Who could complete a wait on primitives, one per line, each followed on to what it is doing (and, if it is
     * blocked itself, who could complete that); or why nobody can.
     */
    void appendCompleters(StringBuilder out, Wait w, String indent) {
        appendCompleters(out, w, indent, new HashSet<>(), 0);
    }

    private void appendCompleters(StringBuilder out, Wait w, String indent, Set<Integer> seen, int depth) {
        if (w.prims().isEmpty()) {
            out.append(indent).append("nobody can complete it: ")
                    .append(w.op() == dev.lockscope.model.WaitOp.SELECT ? "a select whose channels are all nil"
                            : "an operation on a nil channel").append(" blocks forever\n");
            return;
        }
        if (!w.reported()) {
            return;
        }
        if (w.blockers().isEmpty()) {
            out.append(indent).append("nobody can complete it: no goroutine that may still ").append(completion(w))
                    .append(" is alive, and no timer is pending\n");
            return;
        }
        for (int b : w.blockers()) {
            out.append(indent).append("could be completed by ");
            if (b == 0) {
                out.append("a pending timer (or a goroutine yet to start)\n");
                continue;
            }
            GoroutineState g = state.find(b);
            if (g == null) {
                out.append("g").append(b).append('\n');
                continue;
            }
            if (!seen.add(b) || depth >= MAX_DEPTH) {
                out.append(g).append(" (already shown above)\n");
                continue;
            }
            Wait gw = g.waiting();
            out.append(g);
            if (gw == null) {
                String doing = activityClause(g);
                out.append(doing.isEmpty() ? ", running" : ", " + doing).append('\n');
                continue;
            }
            out.append(", which ").append(waitLine(g, gw).substring(g.toString().length() + 1)).append('\n');
            if (gw.onPrims()) {
                appendCompleters(out, gw, indent + "  ", seen, depth + 1);
            } else {
                appendBlockers(out, gw, indent + "  ", seen, depth + 1);
            }
        }
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
            if (b == 0) {
                out.append("a pending timer\n");
                continue;
            }
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
            if (gw != null && !gw.onPrims() && gw.lock() == w.lock() && h == null) {
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
            if (gw != null && gw.onPrims()) {
                out.append(indent).append("  which has been blocked ").append(Millis.label(state.now() - gw.since()))
                        .append(" in ").append(blockedIn(gw)).append(" at ").append(gw.site()).append('\n');
                appendCompleters(out, gw, indent + "    ", seen, depth + 1);
            } else if (gw != null) {
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
        if (g.waiting() != null && g.waiting().onPrims()) {
            return "blocked in " + g.waiting().op().goReason(g.waiting().prims().isEmpty());
        }
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
