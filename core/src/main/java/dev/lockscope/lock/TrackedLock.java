package dev.lockscope.lock;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.LockKind;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
/**
 * A simulated Go lock that reports every request, acquisition, release and change of what a waiter is blocked
 * by as trace events. A {@link LockKind#MUTEX} is only ever taken in {@link Mode#WRITE}.
 *
 * <p><b>Mechanism.</b> Requests enter one queue in arrival order. After every request, release or change of
 * policy the lock runs one admission pass: if no writer holds it, (1) every waiting reader that the policy
 * does not hold back is granted, in arrival order; (2) the first waiting writer is shown to the policy
 * (Go announces it) and granted if no reader holds the lock. Grants happen at the instant of the pass; the
 * granted goroutine is woken to run later in the same instant.
 *
 * <p><b>Policies</b> ({@link LockSemantics}), which differ only in the hooks of {@link LockPolicy}:
 * <ul>
 * <li>{@code go-rwmutex}: a pending (announced) writer blocks new readers; it acquires when the last reader
 *     that held the lock leaves; its {@code Unlock} admits the readers that queued meanwhile before the next
 *     writer announces itself; writers queue FIFO on the inner mutex.
 * <li>{@code reader-preferring}: readers never wait for a waiting writer; writers can starve.
 * <li>{@code fair}: strict arrival order for readers and writers.
 * </ul>
 *
 * <p><b>Recursion.</b> Nothing is reentrant: a goroutine that holds the lock and asks again is a new request.
 * A recursive read lock succeeds while no writer is pending and deadlocks behind one, as in Go; a recursive
 * write lock always deadlocks.
 *
 * <p><b>Go's mutex.</b> Hand-off is FIFO, which is what Go's {@code sync.Mutex} does once a waiter has waited
 * over 1 ms (starvation mode); the sub-millisecond barging of its normal mode is not modelled.
 *
 * <p>Not thread-safe: the kernel drives it from one thread.
 */
public final class TrackedLock {
    private final int id;
    private final String name;
    private final LockKind kind;
    private final LockHost host;
    private LockPolicy policy;

    private LockClient writer;
    private Site writerSite;
    /** Read holds per goroutine, in order of first acquisition; a count above 1 is a recursive read hold. */
    private final Map<LockClient, Integer> readers = new LinkedHashMap<>();
    private int readHolds;
    private final ArrayList<Waiter> queue = new ArrayList<>();
    /** Go only: the writer that owns the inner mutex and has made readerCount negative. */
    Waiter announced;
    /** The client whose request is being handled, which must not be woken: it just continues. */
    private LockClient requesting;

    public TrackedLock(int id, String name, LockKind kind, LockSemantics semantics, LockHost host) {
        this.id = id;
        this.name = Objects.requireNonNull(name, "name");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.host = Objects.requireNonNull(host, "host");
        this.policy = LockPolicy.of(kind == LockKind.MUTEX ? LockSemantics.GO_RWMUTEX : semantics);
        host.emit(new TraceEvent.LockCreated(host.now(), id, name, kind));
    }

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    public LockKind kind() {
        return kind;
    }

    /**
     * Requests the lock. Returns {@code true} if it was granted at once; otherwise the client is queued and
     * will be {@linkplain LockClient#wake() woken} when granted.
     */
    public boolean lock(LockClient client, Mode mode, Site site) {
        if (kind == LockKind.MUTEX && mode == Mode.READ) {
            throw new IllegalArgumentException("read lock on mutex " + name);
        }
        host.emit(new TraceEvent.Request(host.now(), client.id(), id, mode, site));
        Waiter waiter = new Waiter(client, mode, site, host.now());
        queue.add(waiter);
        requesting = client;
        boolean holdersChanged;
        try {
            holdersChanged = admit();
        } finally {
            requesting = null;
        }
        if (holdersChanged) {
            publishBlockers();
        } else {
            publishBlockers(waiter);
        }
        return waiter.granted;
    }

    /**
     * Releases a hold; {@code mode} must be one the client holds, else a {@link GoPanic} with Go's message and
     * nothing changes. (Go checks only that the lock is held, by anyone; Lockscope, which knows the holders,
     * refuses a release by a goroutine that does not hold the lock, which in Go would release another's hold.)
     */
    public void unlock(LockClient client, Mode mode, Site site) {
        if (mode == Mode.WRITE) {
            if (writer != client) {
                // Go's messages (sync/mutex.go, sync/rwmutex.go: fatal(...)); Go checks the state, not the owner.
                throw new GoPanic(kind == LockKind.MUTEX ? "sync: unlock of unlocked mutex"
                        : "sync: Unlock of unlocked RWMutex");
            }
            writer = null;
            writerSite = null;
        } else {
            Integer held = readers.get(client);
            if (held == null) {
                throw new GoPanic("sync: RUnlock of unlocked RWMutex");
            }
            if (held == 1) {
                readers.remove(client);
            } else {
                readers.put(client, held - 1);
            }
            readHolds--;
        }
        host.emit(new TraceEvent.Release(host.now(), client.id(), id, mode, site));
        admit();
        publishBlockers();
    }

    /** Switches the admission policy; waiters the new policy admits are granted at once. Mutexes ignore it. */
    public void setSemantics(LockSemantics semantics) {
        if (kind == LockKind.MUTEX) {
            return;
        }
        LockPolicy next = LockPolicy.of(semantics);
        if (next != policy) {
            policy.onSwitchAway(this);
            policy = next;
            admit();
            publishBlockers();
        }
    }

    /** The number of requests waiting. */
    public int waiterCount() {
        return queue.size();
    }

    /** Whether {@code client} holds this lock in any mode. */
    public boolean isHeldBy(LockClient client) {
        return writer == client || readers.containsKey(client);
    }

    LockClient writerHolder() {
        return writer;
    }

    List<Integer> readerIds() {
        List<Integer> ids = new ArrayList<>(readers.size());
        for (LockClient r : readers.keySet()) {
            ids.add(r.id());
        }
        return ids;
    }

    /** Fair policy: the nearest earlier waiter that {@code waiter} may not overtake. */
    Waiter nearestBlockingWaiterAhead(Waiter waiter) {
        Waiter found = null;
        for (Waiter w : queue) {
            if (w == waiter) {
                return found;
            }
            if (waiter.isWriter() || w.isWriter()) {
                found = w;
            }
        }
        return found;
    }

    /** One admission pass; returns whether any request was granted or a writer announced. */
    private boolean admit() {
        if (writer != null) {
            return false;
        }
        boolean changed = false;
        Waiter before = announced;
        boolean writerAhead = false;
        for (Iterator<Waiter> it = queue.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (w.isWriter()) {
                writerAhead = true;
            } else if (!policy.readerShouldBlock(this, writerAhead)) {
                it.remove();
                grant(w);
                changed = true;
            }
        }
        Waiter head = firstWaitingWriter();
        if (head != null) {
            policy.onWriterAtHead(this, head);
            if (readHolds == 0) {
                queue.remove(head);
                if (announced == head) {
                    announced = null;
                }
                grant(head);
                changed = true;
            }
        }
        return changed || before != announced;
    }

    private Waiter firstWaitingWriter() {
        for (Waiter w : queue) {
            if (w.isWriter()) {
                return w;
            }
        }
        return null;
    }

    private void grant(Waiter w) {
        w.granted = true;
        if (w.isWriter()) {
            writer = w.client;
            writerSite = w.site;
        } else {
            readers.merge(w.client, 1, Integer::sum);
            readHolds++;
        }
        host.emit(new TraceEvent.Acquire(host.now(), w.client.id(), id, w.mode, w.site));
        if (w.client != requesting) {
            w.client.wake();
        }
    }

    private void publishBlockers() {
        for (Waiter w : queue) {
            publishBlockers(w);
        }
    }

    private void publishBlockers(Waiter w) {
        if (w.granted) {
            return;
        }
        List<Integer> now = policy.blockers(this, w);
        if (!now.equals(w.blockers)) {
            w.blockers = List.copyOf(now);
            host.emit(new TraceEvent.Blocked(host.now(), w.client.id(), id, w.blockers));
        }
    }

    @Override
    public String toString() {
        return "TrackedLock[" + id + " " + name + " " + kind.id() + ", writer=" + (writer == null ? "-" : writer.id())
                + (writerSite == null ? "" : "@" + writerSite) + ", readers=" + readerIds() + ", waiting=" + queue.size()
                + "]";
    }
}
