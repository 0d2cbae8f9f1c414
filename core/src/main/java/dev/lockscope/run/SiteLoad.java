package dev.lockscope.run;

/**
 * How many goroutines are on one site (a statement of the simulated Go code) at an instant.
 *
 * @param waiting goroutines whose pending lock request was made here
 * @param holding goroutines holding a lock they took here
 * @param busy    goroutines sending or parked here
 * @param blocked goroutines blocked here on a channel or sync primitive (a send, a receive, a select, a
 *                {@code Wait}, a {@code once.Do}), from their {@code wait} to their {@code wake}
 */
public record SiteLoad(int waiting, int holding, int busy, int blocked) {
    public static final SiteLoad NONE = new SiteLoad(0, 0, 0, 0);

    /** A load with nobody blocked on a primitive (a room's sites). */
    public SiteLoad(int waiting, int holding, int busy) {
        this(waiting, holding, busy, 0);
    }

    public boolean isEmpty() {
        return waiting == 0 && holding == 0 && busy == 0 && blocked == 0;
    }

    SiteLoad plus(SiteLoad o) {
        return new SiteLoad(waiting + o.waiting, holding + o.holding, busy + o.busy, blocked + o.blocked);
    }
}
