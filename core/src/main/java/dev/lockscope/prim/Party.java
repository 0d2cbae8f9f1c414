package dev.lockscope.prim;

import dev.lockscope.lock.LockClient;
import dev.lockscope.model.Site;

/**
 * A goroutine as a primitive sees it: an id, a way to be made runnable, and the registers in which an operation
 * leaves its outcome. An operation that completes calls {@link #complete} (or {@link #fail}) and then, if the
 * goroutine was waiting, {@link #wake()}.
 */
public interface Party extends LockClient {
    /**
     * The goroutine's operation completed.
     *
     * @param value  the value received ({@code null} for operations that receive nothing)
     * @param ok     a receive's {@code ok}; for {@code once.Do}, whether the caller must run {@code f}
     * @param chosen the select case that ran, or -1 (not a select, or its default)
     */
    void complete(Object value, boolean ok, int chosen);

    /** The goroutine's blocked operation ends in a panic with Go's message, raised at {@code site} when it resumes. */
    void fail(String goMessage, Site site);
}
