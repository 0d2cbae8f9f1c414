package dev.lockscope.tracker;

import dev.lockscope.tracker.LockEvent.Type;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The recording mechanism shared by every tracked lock, written once over the {@link LockSide} hooks. Called
 * only while a session is open (the lock method read a non-null {@link Hub#active} and passes it).
 *
 * <p><b>Reentrancy.</b> Only the outermost acquisition (hold count 0 to 1) and the final release (1 to 0) are
 * recorded; a re-entry or an inner release goes straight to the JDK lock.
 *
 * <p><b>Order of events.</b> {@code request} just before trying; then, if the lock's own policy would make the
 * thread wait, {@code blocked} naming whom it waits for; {@code acquire} once the lock is held. {@code release}
 * is recorded before the lock is let go, so in every stream a release precedes the next holder's acquire.
 *
 * <p><b>Requests that end without the lock.</b> A {@code tryLock()} (or {@code tryLock} with no time to wait)
 * that fails never waited and records nothing; one that succeeds records request and acquire at one time. A
 * {@code tryLock(timeout)} that times out, or a {@code lockInterruptibly}/{@code tryLock(timeout)} interrupted
 * while waiting, records nothing more after its request (and blocked): the trace format has no event for a
 * request given up, and an acquire or release would claim a hold that never was. Readers see the wait as open
 * until the thread's next request.
 *
 * <p><b>Interrupts.</b> {@code lockInterruptibly} and {@code tryLock(timeout)} throw at once, recording nothing,
 * if the thread is interrupted on entry, as the JDK's do.
 */
final class Acquisitions {
    private Acquisitions() {
    }

    static void lock(Recorder recorder, LockSide side) {
        if (side.holdCount() > 0) {
            side.plainLock();
            return;
        }
        CallSite site = Callers.find();
        recorder.emit(event(Type.REQUEST, side, site));
        if (!side.tryWithoutWaiting()) {
            blocked(recorder, side);
            side.plainLock();
        }
        acquired(recorder, side, site);
    }

    static void lockInterruptibly(Recorder recorder, LockSide side) throws InterruptedException {
        if (side.holdCount() > 0) {
            side.plainLockInterruptibly();
            return;
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        CallSite site = Callers.find();
        recorder.emit(event(Type.REQUEST, side, site));
        if (!side.tryWithoutWaiting()) {
            blocked(recorder, side);
            side.plainLockInterruptibly();
        }
        acquired(recorder, side, site);
    }

    static boolean tryLock(Recorder recorder, LockSide side) {
        if (side.holdCount() > 0) {
            return side.plainTryLock();
        }
        if (!side.plainTryLock()) {
            return false;
        }
        grantedAtOnce(recorder, side);
        return true;
    }

    static boolean tryLock(Recorder recorder, LockSide side, long timeout, TimeUnit unit) throws InterruptedException {
        if (side.holdCount() > 0) {
            return side.plainTryLock(timeout, unit);
        }
        if (unit.toNanos(timeout) <= 0) {
            // No time to wait: the JDK's own call decides exactly (it honours fairness, unlike tryLock()).
            if (!side.plainTryLock(timeout, unit)) {
                return false;
            }
            grantedAtOnce(recorder, side);
            return true;
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        CallSite site = Callers.find();
        recorder.emit(event(Type.REQUEST, side, site));
        if (!side.tryWithoutWaiting()) {
            blocked(recorder, side);
            if (!side.plainTryLock(timeout, unit)) {
                return false;
            }
        }
        acquired(recorder, side, site);
        return true;
    }

    static void unlock(Recorder recorder, LockSide side) {
        if (side.holdCount() == 1) {
            CallSite site = Callers.find();
            side.releasing(recorder);
            recorder.emit(event(Type.RELEASE, side, site));
        }
        side.plainUnlock();
    }

    /**
     * Records that the current thread, holding {@code side}, gives it up entirely to wait on a condition
     * ({@code await} releases every hold), then parks until signalled. Returns the site.
     */
    static CallSite awaiting(Recorder recorder, LockSide side) {
        CallSite site = Callers.find();
        side.releasing(recorder);
        recorder.emit(event(Type.RELEASE, side, site), event(Type.PARK, side, site));
        return site;
    }

    /** Records that {@code await} returned (or threw) holding {@code side} again. */
    static void awoken(Recorder recorder, LockSide side, CallSite site) {
        side.acquired(recorder);
        recorder.emit(event(Type.REQUEST, side, site), event(Type.ACQUIRE, side, site));
    }

    private static void grantedAtOnce(Recorder recorder, LockSide side) {
        CallSite site = Callers.find();
        side.acquired(recorder);
        recorder.emit(event(Type.REQUEST, side, site), event(Type.ACQUIRE, side, site));
    }

    private static void acquired(Recorder recorder, LockSide side, CallSite site) {
        side.acquired(recorder);
        recorder.emit(event(Type.ACQUIRE, side, site));
    }

    private static void blocked(Recorder recorder, LockSide side) {
        List<Thread> blockers = side.blockers(recorder);
        if (!blockers.isEmpty()) {
            recorder.emit(LockEvent.blocked(side.tag(), side.mode(), blockers));
        }
    }

    private static LockEvent event(Type type, LockSide side, CallSite site) {
        return LockEvent.at(type, side.tag(), side.mode(), site);
    }
}
