package dev.lockscope.tracker;

import java.io.Serial;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link ReentrantLock} that records its use into Lockscope traces: a drop-in, with exactly the JDK lock's
 * semantics, whose requests, acquisitions and releases appear in every trace stream {@link LockscopeTracker}
 * has open.
 *
 * <pre>{@code
 * private final Lock membersMx = new TrackedReentrantLock("membersMx");
 * }</pre>
 *
 * <p><b>Semantics.</b> Those of {@code ReentrantLock}, fairness included: a tracked acquisition never barges
 * where the untracked one would not. Every method not listed here is the JDK's.
 *
 * <p><b>Recorded.</b> A {@code mutex} lock, named by the constructor or else after its first recorded use
 * ({@code "Room.java:41"}). Each outermost acquisition by {@link #lock}, {@link #lockInterruptibly},
 * {@link #tryLock()} or {@link #tryLock(long, TimeUnit)} records {@code request}, then {@code blocked} (naming the
 * owner, or for a fair lock the queued threads) if it must wait, then {@code acquire}; the final {@link #unlock}
 * records {@code release}, mode {@code w}, at the user code's call site.
 *
 * <p><b>Reentrancy.</b> Only hold count 0 to 1 and 1 to 0 are recorded; nested re-entries record nothing.
 *
 * <p><b>Requests given up.</b> A failed {@code tryLock()} records nothing; a timed-out or interrupted wait
 * records its request (and blocked) and nothing more. See the module's README.
 *
 * <p><b>Conditions.</b> {@link #newCondition()} returns a condition whose waits record {@code release},
 * {@code park}, then {@code request} and {@code acquire} when the wait returns. Pass it, as the JDK's, to
 * {@link #hasWaiters}, {@link #getWaitQueueLength} and {@link #getWaitingThreads}.
 *
 * <p><b>Cost.</b> While no stream is open, each method adds one volatile read to the JDK lock's work. While
 * recording, each recorded event costs a stack walk and an encoding per stream, under one process-wide lock.
 *
 * <p><b>Serialization.</b> As for {@code ReentrantLock}, a deserialized lock is unlocked; it is a new lock for
 * traces, with the same name if it was given one.
 */
public class TrackedReentrantLock extends ReentrantLock {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The constructor's name, or null; kept for {@link #readResolve()}. */
    private final String name;
    private final transient LockTag tag;
    private final transient LockSide side;

    /** A non-fair lock named after its first recorded use. */
    public TrackedReentrantLock() {
        this(false, (String) null);
    }

    /** A lock with the given fairness, named after its first recorded use. */
    public TrackedReentrantLock(boolean fair) {
        this(fair, (String) null);
    }

    /** A non-fair lock with the given name in traces ({@code "membersMx"}). */
    public TrackedReentrantLock(String name) {
        this(false, Objects.requireNonNull(name, "name"));
    }

    /** A lock with the given fairness and name in traces; a null name names it after its first recorded use. */
    @SuppressWarnings("this-escape") // Side only keeps the reference; it is used once construction is over.
    public TrackedReentrantLock(boolean fair, String name) {
        super(fair);
        this.name = name;
        this.tag = new LockTag(LockKind.MUTEX, name);
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

    /** A tracked condition of this lock; see the class comment. */
    @Override
    public Condition newCondition() {
        return new TrackedCondition(super.newCondition(), side);
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
        return new TrackedReentrantLock(isFair(), name);
    }

    /** This lock as {@link Acquisitions} sees it. */
    private final class Side implements LockSide {
        @Override
        public LockTag tag() {
            return tag;
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
            // ReentrantLock.tryLock() barges even when fair; a fair lock() first lets queued threads go.
            return (!isFair() || !hasQueuedThreads()) && TrackedReentrantLock.super.tryLock();
        }

        @Override
        public List<Thread> blockers(Recorder recorder) {
            Thread owner = getOwner();
            if (owner != null) {
                return List.of(owner);
            }
            return isFair() ? List.copyOf(getQueuedThreads()) : List.of();
        }

        @Override
        public void plainLock() {
            TrackedReentrantLock.super.lock();
        }

        @Override
        public void plainLockInterruptibly() throws InterruptedException {
            TrackedReentrantLock.super.lockInterruptibly();
        }

        @Override
        public boolean plainTryLock() {
            return TrackedReentrantLock.super.tryLock();
        }

        @Override
        public boolean plainTryLock(long timeout, TimeUnit unit) throws InterruptedException {
            return TrackedReentrantLock.super.tryLock(timeout, unit);
        }

        @Override
        public void plainUnlock() {
            TrackedReentrantLock.super.unlock();
        }
    }
}
