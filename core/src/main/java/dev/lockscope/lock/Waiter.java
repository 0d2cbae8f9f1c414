package dev.lockscope.lock;

import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import java.util.List;

/** A request in a lock's wait queue. Mutable only by its {@link TrackedLock}. */
final class Waiter {
    final LockClient client;
    final Mode mode;
    final Site site;
    final long since;
    boolean granted;
    /** The blockers last published in a {@code Blocked} event. */
    List<Integer> blockers = List.of();

    Waiter(LockClient client, Mode mode, Site site, long since) {
        this.client = client;
        this.mode = mode;
        this.site = site;
        this.since = since;
    }

    boolean isWriter() {
        return mode == Mode.WRITE;
    }
}
