package dev.lockscope.app.timeline;

import dev.lockscope.app.timeline.TimelineSelection.Link;
import dev.lockscope.app.timeline.TimelineSelection.Party;
import dev.lockscope.app.timeline.impl.FramePlan;
import dev.lockscope.app.timeline.impl.TraceCatalog;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.interval.IntervalKind;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import dev.lockscope.trace.store.BlockerChain;
import dev.lockscope.trace.store.TraceView;
import dev.lockscope.trace.store.Track;
import dev.lockscope.util.Millis;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@link TimelineSelection}s, their highlight and their tooltip text from a view and the catalog. */
final class Selections {
    /** Waits examined at most when finding who queued behind a hold. */
    private static final int MAX_QUEUED = 400;

    private final TraceView view;
    private final TraceCatalog catalog;

    Selections(TraceView view, TraceCatalog catalog) {
        this.view = view;
        this.catalog = catalog;
    }

    TraceView view() {
        return view;
    }

    /** The selection of interval {@code id}, with blocked-by relations at {@code at} (clamped into the interval). */
    TimelineSelection of(int id, long at) {
        return of(id, at, true);
    }

    /** {@link #of(int, long)}; without {@code chains}, no blocked-by chain and no story (a link's own wait). */
    private TimelineSelection of(int id, long at, boolean chains) {
        IntervalKind kind = view.kind(id);
        long start = view.start(id);
        long end = view.end(id);
        long last = Math.max(start, view.endOrNow(id) - 1);
        long t = Math.clamp(at, start, last);
        int g = view.intervalGoroutine(id);
        // A wait on primitives names them where a lock wait names its lock (one id space): "resetChan (unbuffered
        // chan)", or a select's "ch (chan, cap 1), done (context)".
        boolean onPrims = kind.isPrimWait() || kind == IntervalKind.BUFFERED;
        int lock = onPrims ? view.intervalPrim(id) : view.intervalLock(id);
        String lockName = onPrims ? primNames(id) : lock >= 0 ? catalog.lockName(lock) : null;
        Mode mode = null;
        Site site = null;
        String member = null;
        TraceEvent e = view.event(id);
        switch (e) {
            case TraceEvent.Request r -> {
                mode = r.mode();
                site = r.site();
            }
            case TraceEvent.Acquire a -> {
                mode = a.mode();
                site = a.site();
            }
            case TraceEvent.SendStart s -> {
                member = s.member();
                site = s.site();
            }
            case TraceEvent.Sleep s -> site = s.site();
            case TraceEvent.Park p -> site = p.site();
            case TraceEvent.PrimWait w -> site = w.site();
            case TraceEvent.Act a -> site = a.site();
            default -> { }
        }
        List<Link> direct = new ArrayList<>();
        List<Link> chain = new ArrayList<>();
        List<Party> roots = new ArrayList<>();
        List<Link> queued = List.of();
        if (chains && kind.isWait()) {
            BlockerChain bc = view.blockerChain(id, t);
            Map<Integer, Integer> depthOfWait = new HashMap<>();
            depthOfWait.put(id, 0);
            for (BlockerChain.Edge edge : bc.edges()) {
                int depth = depthOfWait.getOrDefault(edge.waitId(), 0);
                int blockerWait = view.waitAt(edge.blocker(), t);
                if (blockerWait >= 0) {
                    depthOfWait.putIfAbsent(blockerWait, depth + 1);
                }
                boolean pendingWriter = blockerWait >= 0 && view.kind(blockerWait) == IntervalKind.WAITING
                        && view.kind(edge.waitId()) == IntervalKind.WAITING && view.mode(blockerWait) == Mode.WRITE
                        && view.intervalLock(blockerWait) == view.intervalLock(edge.waitId())
                        && view.mode(edge.waitId()) == Mode.READ;
                Link link = new Link(edge.waitId(), party(edge.waiter()), party(edge.blocker()), t, pendingWriter, depth);
                chain.add(link);
                if (edge.waitId() == id) {
                    direct.add(link);
                }
            }
            for (int root : bc.roots()) {
                roots.add(party(root));
            }
        } else if (chains && kind.isHold()) {
            queued = queuedBehind(g, start, view.endOrNow(id));
        }
        TimelineSelection selection = new TimelineSelection(kind, id, start, end, t, party(g), lock, lockName, mode,
                site == null ? null : site.label(), member, direct, chain, roots, queued, null, List.of());
        return chains ? selection.withStory(caption(selection)) : selection;
    }

    /**
     * The primitives of a wait on primitives (a select's channels, in case order) or of a buffered value, each with
     * what it is: {@code resetChan (unbuffered chan)}, {@code ch (chan, cap 4), done (context)}.
     */
    private String primNames(int id) {
        List<Integer> prims = view.kind(id) == IntervalKind.BUFFERED ? List.of(view.intervalPrim(id)) : view.prims(id);
        List<String> names = new ArrayList<>();
        for (int p : prims) {
            TraceCatalog.PrimInfo info = catalog.prim(p);
            names.add(info == null ? catalog.primName(p) : info.name() + " (" + info.description() + ")");
        }
        return names.isEmpty() ? "nothing (blocks forever)" : String.join(", ", names);
    }

    /** The waits that goroutine {@code g} held up during [from, to), directly or through a chain. */
    private List<Link> queuedBehind(int g, long from, long to) {
        List<Link> out = new ArrayList<>();
        for (TraceCatalog.LockInfo lock : catalog.locks()) {
            int[] waits = view.overlapping(Track.lockWaiters(lock.id()), from, Math.max(to, from + 1));
            for (int k = 0; k < waits.length && k < MAX_QUEUED; k++) {
                int w = waits[k];
                long ws = view.start(w);
                long we = view.endOrNow(w);
                if (we <= ws || view.intervalGoroutine(w) == g) {
                    continue;
                }
                List<Long> times = new ArrayList<>();
                times.add(Math.max(ws, from));
                for (long c : view.blockerChangeTimes(w)) {
                    if (c > from && c < to) {
                        times.add(c);
                    }
                }
                for (long t : times) {
                    if (t >= we || t >= to) {
                        continue;
                    }
                    BlockerChain bc = view.blockerChain(w, t);
                    boolean direct = bc.edges().stream().anyMatch(e -> e.waitId() == w && e.blocker() == g);
                    boolean through = bc.edges().stream().anyMatch(e -> e.blocker() == g);
                    if (through) {
                        out.add(new Link(w, party(view.intervalGoroutine(w)), party(g), t, false, direct ? 0 : 1));
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** The interval to select for an alert: the first goroutine's wait at the alert, else its hold, else its life. */
    int intervalOf(TraceEvent.Alert alert) {
        long t = alert.time();
        for (int g : alert.goroutines()) {
            int wait = view.waitAt(g, t);
            if (wait >= 0) {
                return wait;
            }
            int hold = -1;
            int running = -1;
            for (int id : view.overlapping(Track.goroutine(g), t, t + 1)) {
                IntervalKind k = view.kind(id);
                if (k.isHold() && (alert.locks().isEmpty() || alert.locks().contains(view.intervalLock(id)))) {
                    hold = id;
                } else if (k == IntervalKind.RUNNING) {
                    running = id;
                }
            }
            if (hold >= 0) {
                return hold;
            }
            if (running >= 0) {
                return running;
            }
        }
        return -1;
    }

    /** What the plan outlines and the arrows it draws for a selection. */
    FramePlan.Highlight highlight(TimelineSelection s) {
        List<Integer> outlined = new ArrayList<>();
        outlined.add(s.interval());
        List<FramePlan.Arrow> arrows = new ArrayList<>();
        for (Link link : s.chain()) {
            outlined.add(link.waitId());
            arrows.add(new FramePlan.Arrow(link.waiter().id(), link.at(), link.blocker().id(), link.at(), link.depth(),
                    primOf(link.waitId())));
        }
        for (Party root : s.roots()) {
            for (int id : view.overlapping(Track.goroutine(root.id()), s.at(), s.at() + 1)) {
                IntervalKind k = view.kind(id);
                if (k.isHold()) {
                    outlined.add(id);
                }
            }
        }
        for (Link link : s.queuedBehind()) {
            outlined.add(link.waitId());
            arrows.add(new FramePlan.Arrow(link.waiter().id(), link.at(), link.blocker().id(), link.at(), link.depth()));
        }
        return new FramePlan.Highlight(outlined.stream().mapToInt(Integer::intValue).toArray(), arrows,
                s.kind().isWait() ? s.at() : -1, s.story());
    }

    /**
     * The one channel or sync primitive wait {@code id} is on, whose row its arrow goes through; -1 for a lock wait
     * and for a select on several channels (which of them the blocker would complete, the trace does not say).
     */
    private int primOf(int id) {
        if (!view.kind(id).isPrimWait()) {
            return -1;
        }
        List<Integer> prims = view.prims(id);
        return prims.size() == 1 ? prims.getFirst() : -1;
    }

    /** The chain in words, one line per link, for the box beside the arrows. */
    private List<String> caption(TimelineSelection s) {
        List<String> lines = new ArrayList<>();
        if (s.kind().isWait() && !s.chain().isEmpty()) {
            lines.add("At " + Millis.seconds(s.at()) + ", " + s.goroutine().name() + " has waited "
                    + Millis.duration(s.at() - s.start()) + " " + waitedOn(s));
            for (Link link : s.chain()) {
                StringBuilder b = new StringBuilder("  ".repeat(link.depth() + 1));
                b.append(link.waiter().name()).append(" waits for ").append(link.blocker().name());
                if (link.pendingWriter()) {
                    b.append(", a pending writer: it blocks new readers");
                } else if (s.roots().contains(link.blocker())) {
                    b.append(whatItDoes(link.blocker().id(), s.at()));
                } else {
                    b.append(blockedIn(link.blocker().id(), s.at()));
                }
                lines.add(b.toString());
            }
        } else if (!s.queuedBehind().isEmpty()) {
            // Said at the selection's instant first (an alert's report speaks of that instant), then over the hold.
            long now = waitingBehindAt(s);
            String hold = s.goroutine().name() + "'s hold of " + s.lockName();
            lines.add("At " + Millis.seconds(s.at()) + ", " + (now == 0 ? "nobody waits" : now == 1 ? "1 wait is queued"
                    : now + " waits are queued") + " behind " + hold);
            lines.add("  over the whole hold (" + Millis.seconds(s.start()) + " – "
                    + (s.end() == TraceView.OPEN ? "now" : Millis.seconds(s.end())) + "), " + s.queuedBehind().size()
                    + (s.queuedBehind().size() == 1 ? " wait queued" : " waits queued") + " behind it");
        }
        return lines;
    }

    /**
     * How many of a hold's queued waits were waiting behind it at the selection's instant: going on then, with the
     * holder in their blocked-by chain at that instant.
     */
    private long waitingBehindAt(TimelineSelection s) {
        long t = s.at();
        int g = s.goroutine().id();
        return s.queuedBehind().stream().filter(link -> view.start(link.waitId()) <= t && view.endOrNow(link.waitId()) > t
                && view.blockerChain(link.waitId(), t).edges().stream().anyMatch(e -> e.blocker() == g)).count();
    }

    /** The tooltip of a selection: what, who, where, when, and whom it waited for. */
    String describe(TimelineSelection s) {
        StringBuilder b = new StringBuilder();
        b.append(switch (s.kind()) {
            case WAITING -> "Waiting for " + s.lockName() + " (" + lockCall(s.mode()) + ")";
            case HOLD_READ -> "Holding " + s.lockName() + " (RLock)";
            case HOLD_WRITE -> "Holding " + s.lockName() + " (Lock)";
            case SENDING -> "Sending to " + s.member();
            case RUNNING -> "Goroutine";
            case SLEEPING -> "Sleeping";
            case PARKED -> "Parked";
            case BUFFERED -> "A value in the buffer";
            case CHAN_SEND, CHAN_RECV, SELECT, WG_WAIT, COND_WAIT, ONCE_WAIT -> "Blocked " + waitedOn(s);
        });
        b.append('\n').append(s.goroutine());
        if (s.site() != null) {
            b.append("\nat ").append(s.site());
        }
        b.append("\nfrom ").append(Millis.seconds(s.start())).append(", ");
        if (s.end() == TraceView.OPEN) {
            b.append(Millis.duration(view.now() - s.start())).append(" so far");
        } else {
            b.append("for ").append(Millis.duration(s.end() - s.start()));
        }
        if (s.kind().isWait()) {
            if (s.blockedBy().isEmpty()) {
                b.append("\nwaited for nobody at ").append(Millis.seconds(s.at()));
            } else {
                b.append("\nat ").append(Millis.seconds(s.at())).append(" waited for:");
                Map<Integer, String> holding = new LinkedHashMap<>();
                for (Link link : s.chain()) {
                    b.append("\n").append("  ".repeat(link.depth() + 1)).append(link.depth() == 0 ? "" : "which waits for ")
                            .append(link.blocker());
                    if (link.pendingWriter()) {
                        b.append(", the pending writer");
                    } else if (s.roots().contains(link.blocker())) {
                        b.append(holding.computeIfAbsent(link.blocker().id(), g -> whatItDoes(g, s.at())));
                    } else {
                        b.append(holding.computeIfAbsent(link.blocker().id(), g -> blockedIn(g, s.at())));
                    }
                }
            }
        } else if (!s.queuedBehind().isEmpty()) {
            b.append("\n").append(s.queuedBehind().size()).append(" waited behind it, first ")
                    .append(s.queuedBehind().getFirst().waiter());
        }
        return b.toString();
    }

    /**
     * ", blocked sending on resetChan (unbuffered chan)" or ", waiting for mu (Lock)": what goroutine {@code g} was
     * blocked in at {@code t} (and holding, as {@link #whatItDoes} says), so that a chain across primitives reads as
     * one story; empty when it was not blocked.
     */
    private String blockedIn(int g, long t) {
        int wait = view.waitAt(g, t);
        if (wait < 0) {
            return "";
        }
        TimelineSelection w = of(wait, t, false);
        String what = w.kind() == IntervalKind.WAITING ? ", waiting " : ", blocked ";
        return what + waitedOn(w) + whatItDoes(g, t);
    }

    /** ", holding membersMx (RLock), sending to eve" at {@code t}. */
    private String whatItDoes(int g, long t) {
        StringBuilder b = new StringBuilder();
        for (int id : view.overlapping(Track.goroutine(g), t, t + 1)) {
            switch (view.kind(id)) {
                case HOLD_READ -> b.append(", holding ").append(catalog.lockName(view.intervalLock(id))).append(" (RLock)");
                case HOLD_WRITE -> b.append(", holding ").append(catalog.lockName(view.intervalLock(id))).append(" (Lock)");
                case SENDING -> b.append(", sending to ").append(view.memberName(view.intervalMember(id)));
                default -> { }
            }
        }
        return b.toString();
    }

    /**
     * What a wait is on, as a sentence goes on: {@code for mu (Lock)}, {@code sending on resetChan (unbuffered chan)},
     * {@code in select on ch (chan, cap 1), done (context)}.
     */
    static String waitedOn(TimelineSelection s) {
        return switch (s.kind()) {
            case CHAN_SEND -> "sending on " + s.lockName();
            case CHAN_RECV -> "receiving from " + s.lockName();
            case SELECT -> "in select on " + s.lockName();
            case WG_WAIT -> "in Wait on " + s.lockName();
            case COND_WAIT -> "in Wait on " + s.lockName();
            case ONCE_WAIT -> "in Do on " + s.lockName();
            default -> "for " + s.lockName() + " (" + lockCall(s.mode()) + ")";
        };
    }

    private static String lockCall(Mode mode) {
        return mode == Mode.READ ? "RLock" : "Lock";
    }

    private Party party(int g) {
        return new Party(g, catalog.goroutineName(view, g));
    }
}
