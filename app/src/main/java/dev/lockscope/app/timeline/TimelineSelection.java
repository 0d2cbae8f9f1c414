package dev.lockscope.app.timeline;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.interval.IntervalKind;
import dev.lockscope.model.Mode;
import dev.lockscope.trace.store.TraceView;
import java.util.List;
import java.util.Objects;

/**
 * What is selected on the timeline: one interval of one goroutine (a wait, a hold, a send, its whole life), the
 * instant its blocked-by relations are taken at, and who it waited for or who queued behind it. Immutable; the
 * lab's side panel shows it.
 *
 * @param kind          what the interval is
 * @param interval      its id in the trace store (the row that starts it)
 * @param start         start, ns
 * @param end           end, ns, or {@link TraceView#OPEN} while it goes on
 * @param at            the instant {@link #blockedBy}, {@link #chain} and {@link #roots} describe
 * @param goroutine     the goroutine
 * @param lock          the lock of a wait or hold, the (first) primitive of a wait on primitives, the channel of a
 *                      buffered value, or -1
 * @param lockName      its name, or {@code null}; for a wait on primitives, every one it waits on with what it is
 *                      ({@code resetChan (unbuffered chan)}; {@code nothing (blocks forever)} for a nil channel)
 * @param mode          the mode of a wait or hold, or {@code null}
 * @param site          where in the code it started, or {@code null}
 * @param member        the target of a send, or {@code null}
 * @param blockedBy     for a wait: what it waited for at {@code at} (the holders, or the pending writer)
 * @param chain         for a wait: every "waiter waits for blocker" link followed from it at {@code at}, breadth
 *                      first, ending at the {@link #roots}
 * @param roots         for a wait: the goroutines at the end of the chain, which were not waiting themselves
 * @param queuedBehind  for a hold: the waits that were held up by this goroutine during the hold, directly or
 *                      through a chain (a reader behind a pending writer that waits for this hold)
 * @param alert         the alert this selection came from, or {@code null}
 * @param story         the selection told in words, as the box beside its arrows tells it: for a wait, whom it
 *                      waits for along the chain; for a hold, who waits behind it at {@code at} (as an alert's
 *                      report of that instant says) and over the whole hold; may be empty
 */
public record TimelineSelection(IntervalKind kind, int interval, long start, long end, long at,
                                Party goroutine, int lock, String lockName, Mode mode, String site, String member,
                                List<Link> blockedBy, List<Link> chain, List<Party> roots, List<Link> queuedBehind,
                                TraceEvent.Alert alert, List<String> story) {

    public TimelineSelection {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(goroutine, "goroutine");
        blockedBy = List.copyOf(blockedBy);
        chain = List.copyOf(chain);
        roots = List.copyOf(roots);
        queuedBehind = List.copyOf(queuedBehind);
        story = List.copyOf(story);
    }

    /** A goroutine and its name, such as {@code Broadcast#13} (g14). */
    public record Party(int id, String name) {
        @Override
        public String toString() {
            return name + " (g" + id + ")";
        }
    }

    /**
     * "{@code waiter} waited for {@code blocker}" at instant {@code at}, in wait {@code waitId}.
     * {@code pendingWriter} is true when the blocker was itself waiting to write: the waiter was kept out by Go's
     * rule that a pending writer blocks new readers.
     */
    public record Link(int waitId, Party waiter, Party blocker, long at, boolean pendingWriter, int depth) {}

    /** The duration so far, or in full once ended ({@code now} stands in for an open end). */
    public long duration(long now) {
        return (end == TraceView.OPEN ? now : end) - start;
    }

    /** The same selection, marked as coming from {@code from}. */
    public TimelineSelection withAlert(TraceEvent.Alert from) {
        return new TimelineSelection(kind, interval, start, end, at, goroutine, lock, lockName, mode, site, member,
                blockedBy, chain, roots, queuedBehind, from, story);
    }

    /** The same selection, told in {@code words}. */
    public TimelineSelection withStory(List<String> words) {
        return new TimelineSelection(kind, interval, start, end, at, goroutine, lock, lockName, mode, site, member,
                blockedBy, chain, roots, queuedBehind, alert, words);
    }
}
