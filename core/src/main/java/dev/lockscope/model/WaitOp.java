package dev.lockscope.model;

/**
 * What a goroutine blocks in when it waits on a primitive, as a {@code wait} line of a trace records it; each is
 * an interval kind of its own. {@link #goReason} is the wait reason Go's runtime prints for such a goroutine in a
 * goroutine dump (runtime/runtime2.go, {@code waitReasonStrings}).
 */
public enum WaitOp {
    CHAN_SEND("chan-send", "chan send"),
    CHAN_RECV("chan-recv", "chan receive"),
    SELECT("select", "select"),
    WG_WAIT("wg-wait", "sync.WaitGroup.Wait"),
    COND_WAIT("cond-wait", "sync.Cond.Wait"),
    ONCE_WAIT("once-wait", "sync.Once.Do");

    private final String id;
    private final String goReason;

    WaitOp(String id, String goReason) {
        this.id = id;
        this.goReason = goReason;
    }

    public String id() {
        return id;
    }

    /**
     * Go's wait reason; a wait on no primitive (a nil channel, a select without cases) reads as Go's
     * {@code chan send (nil chan)}, {@code chan receive (nil chan)} or {@code select (no cases)}.
     */
    public String goReason(boolean onNothing) {
        if (!onNothing) {
            return goReason;
        }
        return switch (this) {
            case CHAN_SEND, CHAN_RECV -> goReason + " (nil chan)";
            case SELECT -> "select (no cases)";
            default -> goReason;
        };
    }

    public static WaitOp ofId(String id) {
        for (WaitOp o : values()) {
            if (o.id.equals(id)) {
                return o;
            }
        }
        return null;
    }
}
