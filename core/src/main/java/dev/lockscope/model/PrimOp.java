package dev.lockscope.model;

/**
 * An operation completed on a primitive, as an {@code act} line of a trace records it. The names follow the
 * paths of Go's runtime, so that a channel's buffer can be followed from the events alone: {@link #SEND} and
 * {@link #RECV} go through the buffer, {@link #SEND_SYNC} and {@link #RECV_SYNC} are the two halves of a direct
 * hand-off that leaves the buffer untouched (runtime/chan.go: {@code send} and {@code recv} with an empty
 * buffer).
 */
public enum PrimOp {
    /** A value went into the channel's buffer (chansend's buffer path, or a waiting sender's value moved in by recv). */
    SEND("send"),
    /** The value at the head of the buffer was taken. */
    RECV("recv"),
    /** A value passed straight to a waiting receiver: the sender's half of a hand-off. */
    SEND_SYNC("send-sync"),
    /** A value passed straight from a waiting sender: the receiver's half of a hand-off. */
    RECV_SYNC("recv-sync"),
    /** A receive from a closed, drained channel: the zero value, {@code ok == false}. */
    RECV_CLOSED("recv-closed"),
    /** {@code close(ch)}. */
    CLOSE("close"),
    /** {@code wg.Add(delta)}. */
    ADD("add"),
    /** {@code wg.Done()}. */
    DONE("done"),
    /** {@code c.Signal()}. */
    SIGNAL("signal"),
    /** {@code c.Broadcast()}. */
    BROADCAST("broadcast"),
    /** {@code once.Do(f)} starts running {@code f}. */
    DO("do"),
    /** {@code f} of {@code once.Do} returned (or panicked): the Once is done. */
    DO_END("do-end"),
    /** A context was cancelled (its cancel function, a parent's cancellation, or its deadline). */
    CANCEL("cancel"),
    /** A timer was set to fire at an instant. */
    ARM("arm"),
    /** {@code t.Stop()}. */
    STOP("stop");

    private final String id;

    PrimOp(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static PrimOp ofId(String id) {
        for (PrimOp o : values()) {
            if (o.id.equals(id)) {
                return o;
            }
        }
        return null;
    }
}
