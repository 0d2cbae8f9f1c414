package dev.lockscope.tracker;

import java.util.Date;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

/**
 * A condition of a tracked lock: the JDK's condition, whose waits also appear in the trace. An {@code await}
 * gives the lock up entirely and takes it back before returning, inside the JDK's synchronizer, where the
 * tracked lock's methods never see it; so this wrapper records, around every wait: {@code release} and
 * {@code park} (waiting for a signal, not for the lock) before it, {@code request} and {@code acquire} (one time)
 * after it returns or throws. The time spent re-taking the lock after the signal is part of the park.
 *
 * <p>Signals are not recorded. A wait by a thread not holding the lock is passed on untracked (and throws, as
 * the JDK's does).
 */
final class TrackedCondition implements Condition {
    /** A wait on the JDK's condition. */
    @FunctionalInterface
    private interface Wait<T, X extends Exception> {
        T run() throws X;
    }

    private final Condition delegate;
    private final LockSide side;

    TrackedCondition(Condition delegate, LockSide side) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.side = Objects.requireNonNull(side, "side");
    }

    /** The JDK condition behind {@code condition}, for the JDK lock's own queries about its waiters. */
    static Condition unwrap(Condition condition) {
        return condition instanceof TrackedCondition tracked ? tracked.delegate : condition;
    }

    @Override
    public void await() throws InterruptedException {
        Recorder recorder = Hub.active;
        if (recorder == null) {
            delegate.await();
            return;
        }
        tracked(recorder, () -> {
            delegate.await();
            return null;
        });
    }

    @Override
    public void awaitUninterruptibly() {
        Recorder recorder = Hub.active;
        if (recorder == null) {
            delegate.awaitUninterruptibly();
            return;
        }
        tracked(recorder, () -> {
            delegate.awaitUninterruptibly();
            return null;
        });
    }

    @Override
    public long awaitNanos(long nanosTimeout) throws InterruptedException {
        Recorder recorder = Hub.active;
        return recorder == null ? delegate.awaitNanos(nanosTimeout)
                : tracked(recorder, () -> delegate.awaitNanos(nanosTimeout));
    }

    @Override
    public boolean await(long time, TimeUnit unit) throws InterruptedException {
        Recorder recorder = Hub.active;
        return recorder == null ? delegate.await(time, unit) : tracked(recorder, () -> delegate.await(time, unit));
    }

    @Override
    public boolean awaitUntil(Date deadline) throws InterruptedException {
        Recorder recorder = Hub.active;
        return recorder == null ? delegate.awaitUntil(deadline) : tracked(recorder, () -> delegate.awaitUntil(deadline));
    }

    @Override
    public void signal() {
        delegate.signal();
    }

    @Override
    public void signalAll() {
        delegate.signalAll();
    }

    private <T, X extends Exception> T tracked(Recorder recorder, Wait<T, X> wait) throws X {
        if (side.holdCount() == 0) {
            return wait.run();
        }
        CallSite site = Acquisitions.awaiting(recorder, side);
        try {
            return wait.run();
        } finally {
            Acquisitions.awoken(recorder, side, site);
        }
    }
}
