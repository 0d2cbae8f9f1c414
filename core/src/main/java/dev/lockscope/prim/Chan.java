package dev.lockscope.prim;

import dev.lockscope.lock.GoPanic;
import dev.lockscope.model.PrimKind;
import dev.lockscope.model.PrimOp;
import dev.lockscope.model.Site;
import dev.lockscope.model.WaitOp;
import java.util.ArrayDeque;
import java.util.List;

/**
 * A Go channel, as runtime/chan.go implements it (docs/primitives.md cites each rule):
 * <ul>
 * <li><b>Send</b> ({@code chansend}): on a closed channel it panics; else a waiting receiver takes the value
 *     directly ({@code send}); else the value goes into the buffer if it has room; else the sender waits in
 *     {@code sendq}.
 * <li><b>Receive</b> ({@code chanrecv}): a waiting sender is served first ({@code recv}): on an unbuffered channel
 *     its value passes directly, on a full buffered one the receiver takes the head of the buffer and the sender's
 *     value goes to its tail; else the head of the buffer is taken; else a closed channel gives the zero value
 *     with {@code ok == false}; else the receiver waits in {@code recvq}.
 * <li><b>Close</b> ({@code closechan}): closing a closed channel panics; otherwise every waiting receiver gets
 *     the zero value, then every waiting sender panics. Values left in the buffer are still received.
 * </ul>
 * Wait queues are FIFO ({@code waitq.enqueue}/{@code dequeue}). The goroutine that makes an operation records it
 * first; a goroutine it releases records {@code Wake} and its own half after it, and resumes later in the instant.
 *
 * <p>A nil channel is no object: {@link PrimStep} makes its operations block forever or panic.
 */
public sealed class Chan extends Prim permits Context {
    /** Stands for {@code nil} in the buffer, which holds no Java null. */
    private static final Object NIL = new Object();

    private final int cap;
    private final Object zero;
    private final ArrayDeque<Object> buf = new ArrayDeque<>();
    private final ArrayDeque<Sudog> sendq = new ArrayDeque<>();
    private final ArrayDeque<Sudog> recvq = new ArrayDeque<>();
    private boolean closed;
    /** The runtime timer that sends on a timer's or ticker's channel. */
    private PrimTimer timer;

    /**
     * @param cap  the buffer's size, 0 for an unbuffered channel
     * @param zero the element type's zero value, received from a closed channel
     */
    public Chan(int id, String name, int cap, Object zero, PrimHost host) {
        this(id, name, PrimKind.CHAN, cap, zero, host);
    }

    Chan(int id, String name, PrimKind kind, int cap, Object zero, PrimHost host) {
        super(id, name, kind, cap, host);
        if (cap < 0) {
            throw new IllegalArgumentException("makechan: size out of range: " + cap);
        }
        this.cap = cap;
        this.zero = zero;
    }

    /**
     * The channel {@code C} of {@code time.NewTimer(d)} or {@code time.After(d)} ({@code kind} TIMER), or of
     * {@code time.NewTicker(d)} (TICKER, every {@code d}): capacity 1; the runtime sends the firing instant on it
     * without blocking, dropping a tick that finds the buffer full (time/sleep.go, {@code sendTime}). The timer is
     * armed at once by goroutine {@code g}.
     */
    public static Chan timer(int id, String name, PrimKind kind, long durationNs, int g, Site site, PrimHost host) {
        if (kind != PrimKind.TIMER && kind != PrimKind.TICKER) {
            throw new IllegalArgumentException("not a timer kind: " + kind);
        }
        Chan c = new Chan(id, name, kind, 1, 0L, host);
        long period = kind == PrimKind.TICKER ? durationNs : 0;
        c.timer = new PrimTimer(c, host, site, List.of(c), () -> c.runtimeSend(host.now(), site), period);
        c.timer.arm(g, host.now() + Math.max(0, durationNs));
        return c;
    }

    /** {@code len(ch)}. */
    public int len() {
        return buf.size();
    }

    /** {@code cap(ch)}. */
    public int cap() {
        return cap;
    }

    public boolean isClosed() {
        return closed;
    }

    /** The zero value of the element type. */
    public Object zero() {
        return zero;
    }

    /** {@code ch <- v}: true if done at once, false if {@code p} now waits; a {@link GoPanic} when closed. */
    public boolean send(Party p, Object value, Site site) {
        if (trySend(p, value, site, -1)) {
            return true;
        }
        Waiting.start(p, WaitOp.CHAN_SEND, site, host, List.of(new Sudog.Spec(this, true, value, site, -1)));
        return false;
    }

    /** {@code v, ok := <-ch}: true if done at once ({@code p} has the value), false if {@code p} now waits. */
    public boolean recv(Party p, Site site) {
        if (tryRecv(p, site, -1)) {
            return true;
        }
        Waiting.start(p, WaitOp.CHAN_RECV, site, host, List.of(new Sudog.Spec(this, false, null, site, -1)));
        return false;
    }

    /** {@code close(ch)}; a {@link GoPanic} if it is closed already. */
    public void close(Party p, Site site) {
        if (closed) {
            throw new GoPanic("close of closed channel");
        }
        closed = true;
        act(p.id(), PrimOp.CLOSE, buf.size(), site);
        p.complete(null, true, -1);
        releaseAll();
    }

    /**
     * {@code close(ch)} made inside a world's own step, by goroutine {@code g} (0: the world itself), as a room's
     * Remove closes the member's outbox; does nothing if the channel is closed already (a program closed it).
     */
    public void closeBy(int g, Site site) {
        if (closed) {
            return;
        }
        closed = true;
        act(g, PrimOp.CLOSE, buf.size(), site);
        releaseAll();
    }

    /**
     * {@code for len(ch) > 0 { <-ch }} made inside a world's own step by goroutine {@code g}, as a room's Remove
     * discards what a leaving member's outbox still holds: one receive per value. Returns how many.
     */
    public int discardBy(int g, Site site) {
        int n = 0;
        while (!buf.isEmpty()) {
            take();
            act(g, PrimOp.RECV, buf.size(), site);
            n++;
        }
        return n;
    }

    /** {@code t.Stop()} of a timer's or ticker's channel: whether the timer was pending. */
    public boolean stopTimer(Party p, Site site) {
        boolean was = stop(p, site);
        p.complete(null, was, -1);
        return was;
    }

    /**
     * {@code t.Reset(d)} of a timer's or ticker's channel: stops it (a {@code stop} act, {@code n} 1 if it was
     * pending) and arms it again to fire {@code d} from now (an {@code arm} act); a ticker then ticks every {@code d}.
     * As in Go before 1.23, a value already in the channel stays there. Returns whether the timer was pending.
     */
    public boolean resetTimer(Party p, long durationNs, Site site) {
        boolean was = stop(p, site);
        timer.reset(p.id(), host.now() + Math.max(0, durationNs), durationNs, site);
        p.complete(null, was, -1);
        return was;
    }

    /** Stops the timer, recording a {@code stop} act by {@code p}: whether it was pending. */
    private boolean stop(Party p, Site site) {
        if (timer == null) {
            throw new IllegalStateException(this + " has no timer");
        }
        boolean was = timer.isPending();
        act(p.id(), PrimOp.STOP, was ? 1 : 0, site);
        timer.disarm();
        return was;
    }

    /** Makes a send at once if it need not wait (select's pass 1 for a send case). */
    boolean trySend(Party p, Object value, Site site, int chosen) {
        if (closed) {
            throw new GoPanic("send on closed channel");
        }
        Sudog sg = recvq.poll();
        if (sg != null) {
            act(p.id(), PrimOp.SEND_SYNC, buf.size(), site);
            p.complete(null, true, chosen);
            release(sg, PrimOp.RECV_SYNC, value, true);
            return true;
        }
        if (buf.size() < cap) {
            buf.add(value == null ? NIL : value);
            act(p.id(), PrimOp.SEND, buf.size(), site);
            p.complete(null, true, chosen);
            return true;
        }
        return false;
    }

    /** Makes a receive at once if it need not wait (select's pass 1 for a receive case). */
    boolean tryRecv(Party p, Site site, int chosen) {
        Sudog sg = sendq.poll();
        if (sg != null) {
            if (cap == 0) {
                act(p.id(), PrimOp.RECV_SYNC, 0, site);
                p.complete(sg.value, true, chosen);
                release(sg, PrimOp.SEND_SYNC, null, true);
            } else {
                Object head = take();
                act(p.id(), PrimOp.RECV, buf.size(), site);
                p.complete(head, true, chosen);
                buf.add(sg.value == null ? NIL : sg.value);
                release(sg, PrimOp.SEND, null, true);
            }
            return true;
        }
        if (!buf.isEmpty()) {
            Object head = take();
            act(p.id(), PrimOp.RECV, buf.size(), site);
            p.complete(head, true, chosen);
            return true;
        }
        if (closed) {
            act(p.id(), PrimOp.RECV_CLOSED, 0, site);
            p.complete(zero, false, chosen);
            return true;
        }
        return false;
    }

    /** The runtime's send of a firing timer (goroutine 0): never waits; a full buffer drops it. */
    private void runtimeSend(Object value, Site site) {
        Sudog sg = recvq.poll();
        if (sg != null) {
            act(0, PrimOp.SEND_SYNC, buf.size(), site);
            release(sg, PrimOp.RECV_SYNC, value, true);
        } else if (buf.size() < cap) {
            buf.add(value);
            act(0, PrimOp.SEND, buf.size(), site);
        }
    }

    /** Closes without a panic or an event of its own: a context's cancellation. */
    final boolean closeQuietly() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }

    /** After a close: every waiting receiver gets the zero value, then every waiting sender panics. */
    final void releaseAll() {
        Sudog sg;
        while ((sg = recvq.poll()) != null) {
            release(sg, PrimOp.RECV_CLOSED, zero, false);
        }
        while ((sg = sendq.poll()) != null) {
            sg.wait.release(sg);
            sg.party().fail("send on closed channel", sg.site);
            sg.party().wake();
        }
    }

    private Object take() {
        Object v = buf.poll();
        return v == NIL ? null : v;
    }

    /** Ends the wait of {@code sg}, records its half of the operation and completes it. */
    private void release(Sudog sg, PrimOp op, Object value, boolean ok) {
        sg.wait.release(sg);
        act(sg.party().id(), op, buf.size(), sg.site);
        sg.party().complete(value, ok, sg.index);
        sg.party().wake();
    }

    @Override
    final void enqueue(Sudog sg) {
        (sg.send ? sendq : recvq).add(sg);
    }

    @Override
    final void dequeue(Sudog sg) {
        (sg.send ? sendq : recvq).remove(sg);
    }

    @Override
    void addCompleters(boolean sending, IntSet out) {
        addReachers(sending ? Access.RECV : Access.SEND, out);
        addReachers(Access.CLOSE, out);
    }

    @Override
    void republish() {
        for (Sudog sg : sendq) {
            sg.wait.publish();
        }
        for (Sudog sg : recvq) {
            sg.wait.publish();
        }
    }
}
