package dev.lockscope.tracker;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One side of a tracked lock (a {@code ReentrantLock}, or the read or the write lock of a
 * {@code ReentrantReadWriteLock}) as {@link Acquisitions} sees it: the untracked operations of the JDK lock it
 * extends, and the few policy hooks that differ between sides. The mechanism that records is written once, in
 * {@link Acquisitions}; a side only answers questions about its own lock.
 */
interface LockSide {
    LockTag tag();

    Mode mode();

    /** The current thread's holds of this side (0: a request of it is an outermost one). */
    int holdCount();

    /**
     * Takes the lock now if and only if the lock's own {@code lock()} would take it now without waiting: never
     * barges past queued threads where {@code lock()} would not (fair locks; readers behind a queued writer), so
     * that tracking keeps the lock's policy. False if it would wait.
     */
    boolean tryWithoutWaiting();

    /**
     * The threads a request of the current thread that would wait is waiting for: the holders (the write
     * owner, or the read holders seen while recording), else the queued threads it must let go first. May be
     * empty (the lock was just released).
     */
    List<Thread> blockers(Recorder recorder);

    /** Called after an outermost acquisition was taken, before it is recorded. */
    default void acquired(Recorder recorder) {
    }

    /** Called before a final release is recorded. */
    default void releasing(Recorder recorder) {
    }

    // The JDK lock's own operations, untracked.

    void plainLock();

    void plainLockInterruptibly() throws InterruptedException;

    boolean plainTryLock();

    boolean plainTryLock(long timeout, TimeUnit unit) throws InterruptedException;

    void plainUnlock();
}
