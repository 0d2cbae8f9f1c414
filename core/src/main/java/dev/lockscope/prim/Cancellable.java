package dev.lockscope.prim;

/** A timer task that can be called off before it runs. */
@FunctionalInterface
public interface Cancellable {
    /** Calls the task off; nothing happens if it has run already. */
    void cancel();
}
