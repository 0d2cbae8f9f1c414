package dev.lockscope.prim;

import dev.lockscope.model.Site;

/**
 * A goroutine's place in one primitive's wait queue, named after Go's {@code sudog} (runtime/runtime2.go): which
 * wait it belongs to, whether it sends (and what), the site of its operation (a select's case), and the index of
 * its select case.
 */
final class Sudog {
    final Waiting wait;
    final Prim prim;
    final boolean send;
    final Object value;
    final Site site;
    final int index;

    Sudog(Waiting wait, Prim prim, boolean send, Object value, Site site, int index) {
        this.wait = wait;
        this.prim = prim;
        this.send = send;
        this.value = value;
        this.site = site;
        this.index = index;
    }

    Party party() {
        return wait.party;
    }

    /** What a wait is made of before it starts: one per primitive it waits on. */
    record Spec(Prim prim, boolean send, Object value, Site site, int index) {}
}
