package dev.lockscope.prim;

/**
 * What a goroutine may do to a primitive, as far as waits are concerned: the kernel asks which live goroutines may
 * still make the access that completes a wait (docs/primitives.md, "Who could complete a wait").
 */
public enum Access {
    /** Send on a channel: completes a receiver. */
    SEND,
    /** Receive from a channel: completes a sender. */
    RECV,
    /** Close a channel, or cancel a context: completes every receiver (and panics every sender). */
    CLOSE,
    /** {@code Add} or {@code Done} on a WaitGroup: can bring its counter to zero. */
    ADD,
    /** {@code Signal} or {@code Broadcast} on a Cond. */
    SIGNAL
}
