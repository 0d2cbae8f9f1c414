package dev.lockscope.interval;

import dev.lockscope.model.PrimOp;
import dev.lockscope.util.IntMap;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;

/**
 * Turns a run's events into intervals: the one place where Lockscope decides when a wait, a hold, a send, a
 * sleep, a park, a wait on a primitive, a value's stay in a channel's buffer or a goroutine's life starts and ends. Every consumer (the trace store, the summary, the
 * detectors' state, the lab's live figures, the exports) feeds it its events and is told of each interval as it
 * opens and closes, so they cannot disagree. The rule, stated for users in docs/intervals.md:
 *
 * <ul>
 * <li><b>Running</b>: from a goroutine's {@code Spawn} to its {@code Exit}.
 * <li><b>Waiting</b>: from a {@code Request} to the {@code Acquire} of the same goroutine and lock. A goroutine
 *     waits for one lock at a time: a second {@code Request} while one is pending ends the pending wait there
 *     (counted as unmatched).
 * <li><b>Holding</b> (read or write, by the acquire's mode): from an {@code Acquire} to the first later
 *     {@code Release} of the same goroutine and lock that ends it: a release ends the goroutine's <em>most
 *     recent</em> open hold of that lock in the release's mode, or, when it holds the lock only in the other mode,
 *     its most recent hold in that mode. So recursive read holds are separate intervals, released last in, first
 *     out, and a Java downgrade (write, then read, then release the write) ends the write hold. An
 *     {@code Acquire} without a pending {@code Request} still opens a hold (the wait is unknown).
 * <li><b>Sending</b>: from a {@code SendStart} to the {@code Deliver} of the same goroutine, member and message.
 * <li><b>Sleeping</b>: from a {@code Sleep} for exactly its duration, whatever else the goroutine does meanwhile;
 *     it is reported closed when the first event at or after its end arrives (or never, if the trace ends first).
 * <li><b>Parked</b>: from a {@code Park} to the goroutine's next event, whatever it is (its exit included).
 * <li><b>Waiting on primitives</b> (a channel send or receive, a select, {@code wg.Wait}, {@code c.Wait},
 *     {@code once.Do}; the kind follows the {@code PrimWait}'s op): from a {@code PrimWait} to the goroutine's
 *     {@code Wake}. It is the goroutine's one wait: it and a lock request end each other as two requests do.
 * <li><b>Buffered</b>: a value in a channel's buffer, from the {@code send} act that put it there to the
 *     {@code recv} act that takes it from that channel, first in, first out, whoever sends and receives.
 * <li><b>Exit</b> ends the goroutine's running interval and its park. Its holds, waits and sends stay open:
 *     a lock its goroutine never released stays held (no one else can release it for it) until the trace ends.
 * </ul>
 * Every event of a goroutine ends its park, including acts, wakes and panics. An event that should end an interval
 * but matches none (a release without a hold, a delivery without a send, an acquire without a request, a wake
 * without a wait on primitives, a {@code recv} act from an empty buffer, a blocked report without a wait) is
 * counted in {@link #unmatched()} and otherwise ignored.
 *
 * <p><b>Tags.</b> Each event carries an {@code int} tag chosen by the caller (the trace store passes the row, the
 * summary an operation index); an interval is reported with the tags of the events that started and ended it.
 *
 * <p><b>Attachments.</b> A consumer that keeps state per goroutine hangs it on the tracker's own
 * ({@link #attach}, {@link #attachment}) instead of keeping a map of its own: it lives exactly as long as the
 * tracker keeps the goroutine (alive, or with a hold, wait or send still open), and the goroutine whose event is
 * being handled is found without a lookup.
 *
 * <p><b>Cost.</b> Constant work per event and no allocation in the steady state; memory follows what is open
 * (goroutines alive, holds, waits and sends not ended), not the length of the run. Goroutine ids may be sparse.
 * Times must not decrease. Not thread-safe.
 */
public final class IntervalTracker {
    /** A tag, key or row meaning "none". */
    public static final int NONE = -1;
    /** The end of an interval whose end is not known. */
    public static final long OPEN = Long.MAX_VALUE;

    /** Told of every interval as it opens and closes, in time order of those instants. */
    public interface Listener {
        /**
         * An interval starts.
         *
         * @param key       the lock of a wait or hold, the first primitive of a wait on primitives, the channel of a
         *                  buffered value, the caller's key of a send's member, else {@link #NONE}
         * @param plannedEnd the end of a sleep, known from the start; {@link #OPEN} for every other kind
         * @param tag       the tag of the event that starts it
         */
        void opened(IntervalKind kind, int g, int key, long start, long plannedEnd, int tag);

        /** An interval ends; {@code endTag} is the tag of the event that ended it, or {@link #NONE} for a sleep. */
        void closed(IntervalKind kind, int g, int key, long start, long end, int startTag, int endTag);

        /** Goroutine {@code g} exited, after its running interval and park were closed. */
        default void exited(int g, long time, int tag) {}

        /**
         * Whether this listener wants to hear of intervals of {@code kind}; asked once, when the tracker is made.
         * A consumer that ignores goroutines' lives saves two calls per goroutine.
         */
        default boolean wants(IntervalKind kind) {
            return true;
        }
    }

    /** Receives the intervals still open. */
    @FunctionalInterface
    public interface OpenVisitor {
        void open(IntervalKind kind, int g, int key, long start, int tag);
    }

    private final Listener listener;
    /** By kind ordinal: whether the listener wants to hear of it. */
    private final boolean[] wanted = new boolean[IntervalKind.values().length];
    private final LiveTable<Goroutine> goroutines = new LiveTable<>();
    /** States no longer needed, for reuse: a room starts millions of goroutines, a few at a time. */
    private final ArrayDeque<Goroutine> spare = new ArrayDeque<>();
    private final SleepQueue sleeps = new SleepQueue();
    /** The values in each channel's buffer, oldest first; only channels that have had one. */
    private final IntMap<Buffer> buffers = new IntMap<>();
    /** The goroutine whose event is being handled, so that callbacks find its attachment without a lookup. */
    private Goroutine current;
    private int openWaits;
    private long unmatched;

    public IntervalTracker(Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        for (IntervalKind kind : IntervalKind.values()) {
            wanted[kind.ordinal()] = listener.wants(kind);
        }
    }

    // ---- events ----

    public void spawn(long t, int g, int tag) {
        spawn(t, g, tag, null);
    }

    /** A spawn, with {@code attachment} attached to the new goroutine before the listener hears of it. */
    public void spawn(long t, int g, int tag, Object attachment) {
        Goroutine s = goroutine(t, g, tag);
        if (attachment != null) {
            s.attachment = attachment;
        }
        if (s.runningTag != NONE) {
            close(s, IntervalKind.RUNNING, NONE, s.runningStart, t, s.runningTag, tag); // a second Spawn: malformed
            unmatched++;
        }
        s.runningTag = tag;
        s.runningStart = t;
        open(IntervalKind.RUNNING, g, NONE, t, OPEN, tag);
    }

    public void exit(long t, int g, int tag) {
        Goroutine s = goroutine(t, g, tag);
        if (s.runningTag != NONE) {
            close(s, IntervalKind.RUNNING, NONE, s.runningStart, t, s.runningTag, tag);
            s.runningTag = NONE;
        } else {
            unmatched++;
        }
        listener.exited(g, t, tag);
        releaseIfIdle(g, s);
    }

    public void request(long t, int g, int lock, int tag) {
        Goroutine s = goroutine(t, g, tag);
        if (s.waitTag != NONE) {
            endWait(s, t, tag);
            unmatched++;
        }
        s.waitTag = tag;
        s.waitKind = IntervalKind.WAITING;
        s.waitLock = lock;
        s.waitStart = t;
        openWaits++;
        open(IntervalKind.WAITING, g, lock, t, OPEN, tag);
    }

    /**
     * Goroutine {@code g} blocks on primitives; {@code kind} is the wait's ({@link IntervalKind#of}),
     * {@code firstPrim} the first primitive it waits on or {@link #NONE} (a wait on nothing, which never ends).
     */
    public void primWait(long t, int g, IntervalKind kind, int firstPrim, int tag) {
        if (!kind.isPrimWait()) {
            throw new IllegalArgumentException("not a wait on primitives: " + kind);
        }
        Goroutine s = goroutine(t, g, tag);
        if (s.waitTag != NONE) {
            endWait(s, t, tag);
            unmatched++;
        }
        s.waitTag = tag;
        s.waitKind = kind;
        s.waitLock = firstPrim;
        s.waitStart = t;
        open(kind, g, firstPrim, t, OPEN, tag);
    }

    /** Goroutine {@code g}'s wait on primitives ends. */
    public void wake(long t, int g, int tag) {
        Goroutine s = goroutine(t, g, tag);
        if (s.waitTag != NONE && s.waitKind.isPrimWait()) {
            endWait(s, t, tag);
            releaseIfIdle(g, s);
        } else {
            unmatched++;
        }
    }

    /**
     * Goroutine {@code g} (0: the runtime) completed {@code op} on primitive {@code prim}: a {@code send} puts a
     * value into the channel's buffer, a {@code recv} takes the oldest one out.
     */
    public void act(long t, int g, int prim, PrimOp op, int tag) {
        if (g > 0) {
            releaseIfIdle(g, goroutine(t, g, tag));
        } else if (sleeps.nextEnd() <= t) {
            advanceTo(t);
        }
        if (op == PrimOp.SEND) {
            Buffer b = buffers.get(prim);
            if (b == null) {
                b = new Buffer(prim);
                buffers.put(prim, b);
            }
            b.push(g, t, tag);
            open(IntervalKind.BUFFERED, g, prim, t, OPEN, tag);
        } else if (op == PrimOp.RECV) {
            Buffer b = buffers.get(prim);
            if (b == null || b.size == 0) {
                unmatched++;
                return;
            }
            int sender = b.g[b.head];
            long start = b.start[b.head];
            int startTag = b.tag[b.head];
            b.pop();
            report(IntervalKind.BUFFERED, sender, prim, start, t, startTag, tag);
        }
    }

    /** Any other event of goroutine {@code g} (a panic): it opens and closes nothing, but ends a park. */
    public void event(long t, int g, int tag) {
        Goroutine s = goroutine(t, g, tag);
        releaseIfIdle(g, s);
    }

    /**
     * A report of what goroutine {@code g}'s wait for {@code lock} (or on primitives, the first of which is
     * {@code lock}) is blocked by: ends a park like any event of the goroutine, and returns the tag of the event that
     * started the wait, or {@link #NONE} (counted as unmatched) if the goroutine is not waiting for that lock.
     */
    public int blocked(long t, int g, int lock, int tag) {
        Goroutine s = goroutine(t, g, tag);
        if (s.waitTag == NONE || s.waitLock != lock) {
            unmatched++;
            return NONE;
        }
        return s.waitTag;
    }

    public void acquire(long t, int g, int lock, boolean read, int tag) {
        Goroutine s = goroutine(t, g, tag);
        if (s.waitTag != NONE && s.waitLock == lock && s.waitKind == IntervalKind.WAITING) {
            endWait(s, t, tag);
        } else {
            unmatched++;
        }
        s.pushHold(lock, read, t, tag);
        open(read ? IntervalKind.HOLD_READ : IntervalKind.HOLD_WRITE, g, lock, t, OPEN, tag);
    }

    public void release(long t, int g, int lock, boolean read, int tag) {
        Goroutine s = goroutine(t, g, tag);
        int found = -1;
        for (int i = s.holdCount - 1; i >= 0 && (found < 0 || s.holdRead[found] != read); i--) {
            if (s.holdLock[i] == lock && (found < 0 || s.holdRead[i] == read)) {
                found = i;
            }
        }
        if (found < 0) {
            unmatched++;
            return;
        }
        IntervalKind kind = s.holdRead[found] ? IntervalKind.HOLD_READ : IntervalKind.HOLD_WRITE;
        long start = s.holdStart[found];
        int startTag = s.holdTag[found];
        s.removeHold(found);
        close(s, kind, lock, start, t, startTag, tag);
        releaseIfIdle(g, s);
    }

    /**
     * A send of message {@code msg} to {@code member} begins. Sends are matched by the member's name;
     * {@code memberKey} is the caller's id for the member (or {@link #NONE}), given back as the interval's key.
     */
    public void sendStart(long t, int g, String member, int memberKey, long msg, int tag) {
        Goroutine s = goroutine(t, g, tag);
        s.pushSend(member, memberKey, msg, t, tag);
        open(IntervalKind.SENDING, g, memberKey, t, OPEN, tag);
    }

    public void deliver(long t, int g, String member, long msg, int tag) {
        Goroutine s = goroutine(t, g, tag);
        for (int i = 0; i < s.sendCount; i++) {
            if (s.sendMsg(i) == msg && s.sendMember(i).equals(member)) {
                long start = s.sendStart(i);
                int startTag = s.sendTag(i);
                int key = s.sendKey(i);
                s.removeSend(i);
                close(s, IntervalKind.SENDING, key, start, t, startTag, tag);
                releaseIfIdle(g, s);
                return;
            }
        }
        unmatched++;
    }

    public void sleep(long t, int g, long durationNs, int tag) {
        goroutine(t, g, tag); // ends a park
        long end = t + Math.max(0, durationNs);
        if (end < t) {
            end = OPEN; // overflow: never ends within a trace
        }
        open(IntervalKind.SLEEPING, g, NONE, t, end, tag);
        if (end == t) {
            report(IntervalKind.SLEEPING, g, NONE, t, t, tag, NONE);
        } else {
            sleeps.add(end, t, g, tag);
        }
    }

    public void park(long t, int g, int tag) {
        Goroutine s = goroutine(t, g, tag); // ends an earlier park
        s.parkTag = tag;
        s.parkStart = t;
        open(IntervalKind.PARKED, g, NONE, t, OPEN, tag);
    }

    /**
     * Moves the tracker's clock to {@code t} without an event of a goroutine: reports the sleeps that have ended
     * by then. Events do this themselves; call it for events without a goroutine, or at the end of a trace.
     */
    public void advanceTo(long t) {
        while (sleeps.nextEnd() <= t) {
            long end = sleeps.nextEnd();
            long start = sleeps.start();
            int g = sleeps.g();
            int tag = sleeps.tag();
            sleeps.poll();
            report(IntervalKind.SLEEPING, g, NONE, start, end, tag, NONE);
        }
    }

    // ---- attachments ----

    /** The object attached to goroutine {@code g}, or {@code null}. */
    public Object attachment(int g) {
        Goroutine s = current != null && current.id == g ? current : goroutines.get(g);
        return s == null ? null : s.attachment;
    }

    /**
     * Attaches {@code attachment} to goroutine {@code g} (starting to keep the goroutine if it was not kept yet).
     * It is dropped with the goroutine: when the goroutine has exited (or was never spawned) and has nothing open.
     */
    public void attach(int g, Object attachment) {
        Goroutine s = current != null && current.id == g ? current : goroutines.get(g);
        if (s == null) {
            s = newGoroutine(g);
        }
        current = s;
        s.attachment = attachment;
    }

    /** Shows every attachment to {@code visitor}, in no particular order. */
    public void forEachAttachment(java.util.function.Consumer<Object> visitor) {
        for (Goroutine s : goroutines.values()) {
            if (s.attachment != null) {
                visitor.accept(s.attachment);
            }
        }
    }

    // ---- queries ----

    /** Events that should have ended an interval but matched none. */
    public long unmatched() {
        return unmatched;
    }

    /** Goroutines waiting for a lock now (waits on primitives are not counted). */
    public int openWaits() {
        return openWaits;
    }

    /** The tag of the request (or wait on primitives) goroutine {@code g} is waiting in, or {@link #NONE}. */
    public int waitOf(int g) {
        Goroutine s = goroutines.get(g);
        return s == null ? NONE : s.waitTag;
    }

    /** Shows every interval still open to {@code visitor}, goroutine by goroutine. */
    public void forEachOpen(OpenVisitor visitor) {
        for (Goroutine s : goroutines.values()) {
            int g = s.id;
            if (s.runningTag != NONE) {
                visitor.open(IntervalKind.RUNNING, g, NONE, s.runningStart, s.runningTag);
            }
            if (s.waitTag != NONE) {
                visitor.open(s.waitKind, g, s.waitLock, s.waitStart, s.waitTag);
            }
            for (int i = 0; i < s.holdCount; i++) {
                visitor.open(s.holdRead[i] ? IntervalKind.HOLD_READ : IntervalKind.HOLD_WRITE, g, s.holdLock[i],
                        s.holdStart[i], s.holdTag[i]);
            }
            for (int i = 0; i < s.sendCount; i++) {
                visitor.open(IntervalKind.SENDING, g, s.sendKey(i), s.sendStart(i), s.sendTag(i));
            }
            if (s.parkTag != NONE) {
                visitor.open(IntervalKind.PARKED, g, NONE, s.parkStart, s.parkTag);
            }
        }
        sleeps.forEach((end, start, g, tag) -> visitor.open(IntervalKind.SLEEPING, g, NONE, start, tag));
        for (Buffer b : buffers.values()) {
            for (int i = 0; i < b.size; i++) {
                int at = (b.head + i) % b.g.length;
                visitor.open(IntervalKind.BUFFERED, b.g[at], b.prim, b.start[at], b.tag[at]);
            }
        }
    }

    // ---- mechanism ----

    /**
     * The state of goroutine {@code g} (created on its first event), after reporting the sleeps that ended by
     * {@code t} and ending the goroutine's park: a park ends at the goroutine's next event, whatever it is.
     */
    private Goroutine goroutine(long t, int g, int tag) {
        if (sleeps.nextEnd() <= t) {
            advanceTo(t);
        }
        Goroutine s = current != null && current.id == g ? current : goroutines.get(g);
        if (s == null) {
            s = newGoroutine(g);
        }
        current = s;
        if (s.parkTag != NONE) {
            int parkTag = s.parkTag;
            s.parkTag = NONE;
            close(s, IntervalKind.PARKED, NONE, s.parkStart, t, parkTag, tag);
        }
        return s;
    }

    private Goroutine newGoroutine(int g) {
        Goroutine s = spare.isEmpty() ? new Goroutine() : spare.pop();
        s.id = g;
        goroutines.put(g, s);
        return s;
    }

    private void endWait(Goroutine s, long t, int tag) {
        int waitTag = s.waitTag;
        s.waitTag = NONE;
        if (s.waitKind == IntervalKind.WAITING) {
            openWaits--;
        }
        close(s, s.waitKind, s.waitLock, s.waitStart, t, waitTag, tag);
    }

    private void close(Goroutine s, IntervalKind kind, int key, long start, long end, int startTag, int endTag) {
        report(kind, s.id, key, start, end, startTag, endTag);
    }

    private void open(IntervalKind kind, int g, int key, long start, long plannedEnd, int tag) {
        if (wanted[kind.ordinal()]) {
            listener.opened(kind, g, key, start, plannedEnd, tag);
        }
    }

    private void report(IntervalKind kind, int g, int key, long start, long end, int startTag, int endTag) {
        if (wanted[kind.ordinal()]) {
            listener.closed(kind, g, key, start, end, startTag, endTag);
        }
    }

    /** Forgets a goroutine that has exited and has nothing open, so memory follows what is alive. */
    private void releaseIfIdle(int g, Goroutine s) {
        if (s.runningTag == NONE && s.isIdle()) {
            goroutines.remove(g);
            if (current == s) {
                current = null;
            }
            s.reset();
            spare.push(s);
        }
    }

    /** What one goroutine has open. */
    private static final class Goroutine {
        private static final int[] NO_INTS = new int[0];
        private static final long[] NO_LONGS = new long[0];
        private static final boolean[] NO_BOOLEANS = new boolean[0];
        private static final String[] NO_STRINGS = new String[0];

        int id = NONE;
        Object attachment;
        int runningTag = NONE;
        long runningStart;
        int waitTag = NONE;
        /** {@link IntervalKind#WAITING} for a lock request, else the kind of the wait on primitives. */
        IntervalKind waitKind = IntervalKind.WAITING;
        int waitLock;
        long waitStart;
        int parkTag = NONE;
        long parkStart;
        // Holds, oldest first; most goroutines of a room hold nothing, so the arrays start empty.
        int[] holdLock = NO_INTS;
        boolean[] holdRead = NO_BOOLEANS;
        long[] holdStart = NO_LONGS;
        int[] holdTag = NO_INTS;
        int holdCount;
        // Sends under way, oldest first. A goroutine almost never has more than one, so the first is kept in fields
        // (one object to touch per send, not five arrays) and the others in the arrays, send i at index i - 1.
        String firstMember;
        int firstKey;
        long firstMsg;
        long firstStart;
        int firstTag;
        String[] sendMember = NO_STRINGS;
        int[] sendKey = NO_INTS;
        long[] sendMsg = NO_LONGS;
        long[] sendStart = NO_LONGS;
        int[] sendTag = NO_INTS;
        int sendCount;

        String sendMember(int i) {
            return i == 0 ? firstMember : sendMember[i - 1];
        }

        int sendKey(int i) {
            return i == 0 ? firstKey : sendKey[i - 1];
        }

        long sendMsg(int i) {
            return i == 0 ? firstMsg : sendMsg[i - 1];
        }

        long sendStart(int i) {
            return i == 0 ? firstStart : sendStart[i - 1];
        }

        int sendTag(int i) {
            return i == 0 ? firstTag : sendTag[i - 1];
        }

        boolean isIdle() {
            return waitTag == NONE && parkTag == NONE && holdCount == 0 && sendCount == 0;
        }

        void reset() {
            id = NONE;
            attachment = null;
            runningTag = NONE;
            waitTag = NONE;
            parkTag = NONE;
            holdCount = 0;
            firstMember = null;
            java.util.Arrays.fill(sendMember, 0, Math.max(0, sendCount - 1), null);
            sendCount = 0;
        }

        void pushHold(int lock, boolean read, long start, int tag) {
            if (holdCount == holdLock.length) {
                int n = Math.max(2, holdCount * 2);
                holdLock = Arrays.copyOf(holdLock, n);
                holdRead = Arrays.copyOf(holdRead, n);
                holdStart = Arrays.copyOf(holdStart, n);
                holdTag = Arrays.copyOf(holdTag, n);
            }
            holdLock[holdCount] = lock;
            holdRead[holdCount] = read;
            holdStart[holdCount] = start;
            holdTag[holdCount] = tag;
            holdCount++;
        }

        void removeHold(int i) {
            int after = holdCount - i - 1;
            System.arraycopy(holdLock, i + 1, holdLock, i, after);
            System.arraycopy(holdRead, i + 1, holdRead, i, after);
            System.arraycopy(holdStart, i + 1, holdStart, i, after);
            System.arraycopy(holdTag, i + 1, holdTag, i, after);
            holdCount--;
        }

        void pushSend(String member, int key, long msg, long start, int tag) {
            if (sendCount == 0) {
                firstMember = member;
                firstKey = key;
                firstMsg = msg;
                firstStart = start;
                firstTag = tag;
                sendCount = 1;
                return;
            }
            int at = sendCount - 1;
            if (at == sendMember.length) {
                int n = Math.max(2, at * 2);
                sendMember = Arrays.copyOf(sendMember, n);
                sendKey = Arrays.copyOf(sendKey, n);
                sendMsg = Arrays.copyOf(sendMsg, n);
                sendStart = Arrays.copyOf(sendStart, n);
                sendTag = Arrays.copyOf(sendTag, n);
            }
            sendMember[at] = member;
            sendKey[at] = key;
            sendMsg[at] = msg;
            sendStart[at] = start;
            sendTag[at] = tag;
            sendCount++;
        }

        void removeSend(int i) {
            if (i == 0) {
                if (sendCount == 1) {
                    firstMember = null;
                    sendCount = 0;
                    return;
                }
                firstMember = sendMember[0];
                firstKey = sendKey[0];
                firstMsg = sendMsg[0];
                firstStart = sendStart[0];
                firstTag = sendTag[0];
                i = 1; // the second send moved into the fields: remove it from the arrays
            }
            int at = i - 1;
            int after = sendCount - 1 - at - 1;
            System.arraycopy(sendMember, at + 1, sendMember, at, after);
            System.arraycopy(sendKey, at + 1, sendKey, at, after);
            System.arraycopy(sendMsg, at + 1, sendMsg, at, after);
            System.arraycopy(sendStart, at + 1, sendStart, at, after);
            System.arraycopy(sendTag, at + 1, sendTag, at, after);
            sendCount--;
            sendMember[sendCount - 1] = null;
        }
    }

    /** The values in one channel's buffer, oldest first: a ring of (sender, start, tag). */
    private static final class Buffer {
        final int prim;
        int[] g = new int[4];
        long[] start = new long[4];
        int[] tag = new int[4];
        int head;
        int size;

        Buffer(int prim) {
            this.prim = prim;
        }

        void push(int sender, long t, int startTag) {
            if (size == g.length) {
                int n = size * 2;
                int[] g2 = new int[n];
                long[] s2 = new long[n];
                int[] t2 = new int[n];
                for (int i = 0; i < size; i++) {
                    int at = (head + i) % g.length;
                    g2[i] = g[at];
                    s2[i] = start[at];
                    t2[i] = tag[at];
                }
                g = g2;
                start = s2;
                tag = t2;
                head = 0;
            }
            int at = (head + size) % g.length;
            g[at] = sender;
            start[at] = t;
            tag[at] = startTag;
            size++;
        }

        void pop() {
            head = (head + 1) % g.length;
            size--;
        }
    }
}
