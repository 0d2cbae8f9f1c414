package dev.lockscope.prim;

import dev.lockscope.model.PrimOp;
import dev.lockscope.model.Site;
import java.util.List;

/**
 * A runtime timer (runtime/time.go's {@code timer}) owned by a primitive: a timer's or ticker's channel, a context's
 * deadline, an {@code AfterFunc}. Arming it records an {@code arm} act (the instant it fires) on its owner; while it
 * is pending, the primitives it may act on count it as one who could complete their waits. When it fires it runs
 * its action; a periodic one arms itself again one period after the instant it was due (time/tick.go).
 */
final class PrimTimer {
    private final Prim owner;
    private final PrimHost host;
    private final Site site;
    private final List<Prim> actsOn;
    private final Runnable action;
    /** 0 for a one-shot timer, else a ticker's period (which {@link #reset} may change). */
    private long period;
    private Cancellable pending;
    private long due;

    /**
     * @param site   where the timer was made; the site of the acts the runtime makes for it
     * @param actsOn the primitives whose waits it may complete
     * @param period 0 for a one-shot timer, else a ticker's period
     */
    PrimTimer(Prim owner, PrimHost host, Site site, List<Prim> actsOn, Runnable action, long period) {
        this.owner = owner;
        this.host = host;
        this.site = site;
        this.actsOn = List.copyOf(actsOn);
        this.action = action;
        this.period = period;
    }

    /** Arms the timer to fire at {@code at}, on behalf of goroutine {@code g}. */
    void arm(int g, long at) {
        arm(g, at, site);
    }

    private void arm(int g, long at, Site armedAt) {
        due = at;
        owner.act(g, PrimOp.ARM, at, armedAt);
        pending = host.timer(at, this::fire);
        for (Prim p : actsOn) {
            p.timerArmed();
        }
    }

    /**
     * Arms the stopped timer again to fire at {@code at}, by goroutine {@code g} at {@code resetAt}; a ticker's
     * period becomes {@code newPeriod}.
     */
    void reset(int g, long at, long newPeriod, Site resetAt) {
        if (period > 0) {
            period = newPeriod;
        }
        arm(g, at, resetAt);
    }

    boolean isPending() {
        return pending != null;
    }

    /**
     * Stops the timer because its owner is done with it (a context cancelled): the waits it counted for are
     * released by the owner at once, so they are not published anew.
     */
    void disarmQuietly() {
        if (pending != null) {
            pending.cancel();
            pending = null;
            for (Prim p : actsOn) {
                p.timerFiring();
            }
        }
    }

    /** Stops the timer without an event; returns whether it was pending (Go's {@code Timer.Stop}). */
    boolean disarm() {
        if (pending == null) {
            return false;
        }
        pending.cancel();
        pending = null;
        for (Prim p : actsOn) {
            p.timerGone();
        }
        return true;
    }

    private void fire() {
        pending = null;
        if (period > 0) {
            action.run();
            due += period;
            owner.act(0, PrimOp.ARM, due, site);
            pending = host.timer(due, this::fire);
            return;
        }
        // The timer stops counting, what it does happens (a goroutine it starts is counted in its place), and only
        // then are the waits published anew: one Blocked event per change, not two.
        for (Prim p : actsOn) {
            p.timerFiring();
        }
        action.run();
        for (Prim p : actsOn) {
            p.republish();
        }
    }
}
