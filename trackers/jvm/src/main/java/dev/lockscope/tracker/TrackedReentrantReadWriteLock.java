package dev.lockscope.tracker;

import java.io.Serial;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@link ReentrantReadWriteLock} that records its use into Lockscope traces: a drop-in, with exactly the JDK
 * lock's semantics, whose {@link #readLock()} and {@link #writeLock()} record every request, acquisition and
 * release into every trace stream {@link LockscopeTracker} has open.
 *
 * <pre>{@code
 * private final ReadWriteLock membersMx = new TrackedReentrantReadWriteLock("membersMx");
 * }</pre>
 *
 * <p><b>Semantics.</b> Those of {@code ReentrantReadWriteLock}, fairness included: a tracked acquisition never
 * barges where the untracked one would not (a non-fair reader still waits behind a queued writer). Every method
 * not listed here is the JDK's.
 *
 * <p><b>Recorded.</b> One {@code rwmutex} lock for both views, named by the constructor or else after its first
 * recorded use. The read lock records mode {@code r}, the write lock mode {@code w}, as
 * {@link TrackedReentrantLock} does: {@code request}, {@code blocked} if the request must wait, {@code acquire},
 * {@code release}; only a view's outermost acquisition and final release (a thread holding the write lock and
 * taking the read lock records the read hold: it is a hold of another view).
 *
 * <p><b>Blocked by.</b> A writer names the write owner, or the read holders; a reader names the write owner, or
 * the queued writers that keep it out. Read holders are known only from the acquisitions recorded in the
 * current session: a read hold taken while nothing was recording is not named.
 *
 * <p><b>Conditions.</b> {@code writeLock().newCondition()} is tracked as for {@link TrackedReentrantLock}; pass
 * it to {@link #hasWaiters}, {@link #getWaitQueueLength} and {@link #getWaitingThreads} as the JDK's.
 *
 * <p><b>Cost.</b> While no stream is open, each lock method adds one volatile read to the JDK lock's work.
 *
 * <p><b>Serialization.</b> Serialize this lock, not its views; a deserialized lock is unlocked and is a new lock
 * for traces, with the same name if it was given one.
 */
public class TrackedReentrantReadWriteLock extends ReentrantReadWriteLock {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The read holders seen in one session; a set from an earlier session is stale and replaced. */
    private record Readers(Recorder session, Set<Thread> threads) {}

    private final String name;
    private final transient LockTag tag;
    private final transient TrackedReadLock readLock;
    private final transient TrackedWriteLock writeLock;
    private final transient AtomicReference<Readers> readers = new AtomicReference<>();

    /** A non-fair lock named after its first recorded use. */
    public TrackedReentrantReadWriteLock() {
        this(false, (String) null);
    }

    /** A lock with the given fairness, named after its first recorded use. */
    public TrackedReentrantReadWriteLock(boolean fair) {
        this(fair, (String) null);
    }

    /** A non-fair lock with the given name in traces ({@code "membersMx"}). */
    public TrackedReentrantReadWriteLock(String name) {
        this(false, Objects.requireNonNull(name, "name"));
    }

    /** A lock with the given fairness and name in traces; a null name names it after its first recorded use. */
    @SuppressWarnings("this-escape") // the views only keep the reference; they are used once construction is over
    public TrackedReentrantReadWriteLock(boolean fair, String name) {
        super(fair);
        this.name = name;
        this.tag = new LockTag(LockKind.RWMUTEX, name);
        this.readLock = new TrackedReadLock(this);
        this.writeLock = new TrackedWriteLock(this);
    }

    @Override
    public TrackedReadLock readLock() {
        return readLock;
    }

    @Override
    public TrackedWriteLock writeLock() {
        return writeLock;
    }

    @Override
    public boolean hasWaiters(Condition condition) {
        return super.hasWaiters(TrackedCondition.unwrap(condition));
    }

    @Override
    public int getWaitQueueLength(Condition condition) {
        return super.getWaitQueueLength(TrackedCondition.unwrap(condition));
    }

    @Override
    protected Collection<Thread> getWaitingThreads(Condition condition) {
        return super.getWaitingThreads(TrackedCondition.unwrap(condition));
    }

    @Serial
    private Object readResolve() {
        return new TrackedReentrantReadWriteLock(isFair(), name);
    }

    /** The read holders recorded in {@code session}; a set nobody keeps if {@code session} is over. */
    private Set<Thread> readers(Recorder session) {
        while (true) {
            Readers current = readers.get();
            if (current != null && current.session() == session) {
                return current.threads();
            }
            if (session != Hub.active) {
                return ConcurrentHashMap.newKeySet(); // a late event of a closed session: nobody will ask
            }
            Readers fresh = new Readers(session, ConcurrentHashMap.newKeySet());
            if (readers.compareAndSet(current, fresh)) {
                return fresh.threads();
            }
        }
    }

    /** Threads queued for the lock, for a fair lock's blocked events; empty for a non-fair one. */
    private List<Thread> queuedIfFair() {
        return isFair() ? List.copyOf(getQueuedThreads()) : List.of();
    }

    /**
     * The read lock of a {@link TrackedReentrantReadWriteLock}: the JDK's read lock, recording mode {@code r}.
     */
    public static class TrackedReadLock extends ReentrantReadWriteLock.ReadLock {
        @Serial
        private static final long serialVersionUID = 1L;

        private final TrackedReentrantReadWriteLock lock;
        private final transient LockSide side;

        /** The read lock of {@code lock}. */
        @SuppressWarnings("this-escape") // Side only keeps the reference
        protected TrackedReadLock(TrackedReentrantReadWriteLock lock) {
            super(lock);
            this.lock = lock;
            this.side = new Side();
        }

        @Override
        public void lock() {
            Recorder recorder = Hub.active;
            if (recorder == null) {
                super.lock();
            } else {
                Acquisitions.lock(recorder, side);
            }
        }

        @Override
        public void lockInterruptibly() throws InterruptedException {
            Recorder recorder = Hub.active;
            if (recorder == null) {
                super.lockInterruptibly();
            } else {
                Acquisitions.lockInterruptibly(recorder, side);
            }
        }

        @Override
        public boolean tryLock() {
            Recorder recorder = Hub.active;
            return recorder == null ? super.tryLock() : Acquisitions.tryLock(recorder, side);
        }

        @Override
        public boolean tryLock(long timeout, TimeUnit unit) throws InterruptedException {
            Recorder recorder = Hub.active;
            return recorder == null ? super.tryLock(timeout, unit) : Acquisitions.tryLock(recorder, side, timeout, unit);
        }

        @Override
        public void unlock() {
            Recorder recorder = Hub.active;
            if (recorder == null) {
                super.unlock();
            } else {
                Acquisitions.unlock(recorder, side);
            }
        }

        /** The read lock as {@link Acquisitions} sees it. */
        private final class Side implements LockSide {
            @Override
            public LockTag tag() {
                return lock.tag;
            }

            @Override
            public Mode mode() {
                return Mode.READ;
            }

            @Override
            public int holdCount() {
                return lock.getReadHoldCount();
            }

            @Override
            public boolean tryWithoutWaiting() {
                if (lock.isWriteLockedByCurrentThread()) {
                    return TrackedReadLock.super.tryLock(); // a write holder always gets the read lock
                }
                if (lock.isWriteLocked()) {
                    return false;
                }
                // lock() waits behind queued writers (non-fair: when one is first in line) or any queued thread
                // (fair); ReadLock.tryLock() would barge past them, so leave those cases to lock().
                boolean queuedAhead = lock.isFair() ? lock.hasQueuedThreads() : !lock.getQueuedWriterThreads().isEmpty();
                return !queuedAhead && TrackedReadLock.super.tryLock();
            }

            @Override
            public List<Thread> blockers(Recorder recorder) {
                Thread owner = lock.getOwner();
                return owner != null ? List.of(owner) : List.copyOf(lock.getQueuedWriterThreads());
            }

            @Override
            public void acquired(Recorder recorder) {
                lock.readers(recorder).add(Thread.currentThread());
            }

            @Override
            public void releasing(Recorder recorder) {
                lock.readers(recorder).remove(Thread.currentThread());
            }

            @Override
            public void plainLock() {
                TrackedReadLock.super.lock();
            }

            @Override
            public void plainLockInterruptibly() throws InterruptedException {
                TrackedReadLock.super.lockInterruptibly();
            }

            @Override
            public boolean plainTryLock() {
                return TrackedReadLock.super.tryLock();
            }

            @Override
            public boolean plainTryLock(long timeout, TimeUnit unit) throws InterruptedException {
                return TrackedReadLock.super.tryLock(timeout, unit);
            }

            @Override
            public void plainUnlock() {
                TrackedReadLock.super.unlock();
            }
        }
    }

    /**
     * The write lock of a {@link TrackedReentrantReadWriteLock}: the JDK's write lock, recording mode {@code w},
     * with tracked conditions.
     */
    public static class TrackedWriteLock extends ReentrantReadWriteLock.WriteLock {
        @Serial
        private static final long serialVersionUID = 1L;

        private final TrackedReentrantReadWriteLock lock;
        private final transient LockSide side;

        /** The write lock of {@code lock}. */
        @SuppressWarnings("this-escape") // Side only keeps the reference
        protected TrackedWriteLock(TrackedReentrantReadWriteLock lock) {
            super(lock);
            this.lock = lock;
            this.side = new Side();
        }

        @Override
        public void lock() {
            Recorder recorder = Hub.active;
            if (recorder == null) {
                super.lock();
            } else {
                Acquisitions.lock(recorder, side);
            }
        }

        @Override
        public void lockInterruptibly() throws InterruptedException {
            Recorder recorder = Hub.active;
            if (recorder == null) {
                super.lockInterruptibly();
            } else {
                Acquisitions.lockInterruptibly(recorder, side);
            }
        }

        @Override
        public boolean tryLock() {
            Recorder recorder = Hub.active;
            return recorder == null ? super.tryLock() : Acquisitions.tryLock(recorder, side);
        }

        @Override
        public boolean tryLock(long timeout, TimeUnit unit) throws InterruptedException {
            Recorder recorder = Hub.active;
            return recorder == null ? super.tryLock(timeout, unit) : Acquisitions.tryLock(recorder, side, timeout, unit);
        }

        @Override
        public void unlock() {
            Recorder recorder = Hub.active;
            if (recorder == null) {
                super.unlock();
            } else {
                Acquisitions.unlock(recorder, side);
            }
        }

        /** A tracked condition of the write lock; see {@link TrackedReentrantLock#newCondition()}. */
        @Override
        public Condition newCondition() {
            return new TrackedCondition(super.newCondition(), side);
        }

        /** The write lock as {@link Acquisitions} sees it. */
        private final class Side implements LockSide {
            @Override
            public LockTag tag() {
                return lock.tag;
            }

            @Override
            public Mode mode() {
                return Mode.WRITE;
            }

            @Override
            public int holdCount() {
                return getHoldCount();
            }

            @Override
            public boolean tryWithoutWaiting() {
                // WriteLock.tryLock() barges even when fair; a fair lock() first lets queued threads go.
                return (!lock.isFair() || !lock.hasQueuedThreads()) && TrackedWriteLock.super.tryLock();
            }

            @Override
            public List<Thread> blockers(Recorder recorder) {
                Thread owner = lock.getOwner();
                if (owner != null) {
                    return List.of(owner);
                }
                List<Thread> holders = new ArrayList<>(lock.readers(recorder));
                return holders.isEmpty() ? lock.queuedIfFair() : holders;
            }

            @Override
            public void plainLock() {
                TrackedWriteLock.super.lock();
            }

            @Override
            public void plainLockInterruptibly() throws InterruptedException {
                TrackedWriteLock.super.lockInterruptibly();
            }

            @Override
            public boolean plainTryLock() {
                return TrackedWriteLock.super.tryLock();
            }

            @Override
            public boolean plainTryLock(long timeout, TimeUnit unit) throws InterruptedException {
                return TrackedWriteLock.super.tryLock(timeout, unit);
            }

            @Override
            public void plainUnlock() {
                TrackedWriteLock.super.unlock();
            }
        }
    }
}
