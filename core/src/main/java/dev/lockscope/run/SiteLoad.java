package dev.lockscope.run;

/**
 * How many goroutines are on one site (a statement of the simulated Go code) at an instant.
 *
 * @param waiting goroutines whose pending lock request was made here
 * @param holding goroutines holding a lock they took here
 * @param busy    goroutines sending or parked here
 */
public record SiteLoad(int waiting, int holding, int busy) {
    public static final SiteLoad NONE = new SiteLoad(0, 0, 0);

    public boolean isEmpty() {
        return waiting == 0 && holding == 0 && busy == 0;
    }

    SiteLoad plus(int w, int h, int b) {
        return new SiteLoad(waiting + w, holding + h, busy + b);
    }
}
