package dev.lockscope.model;

/**
 * The kinds of Go synchronisation primitive the kernel models besides locks (docs/primitives.md). Each is a
 * {@code prim} line of a trace; {@code id} is its name there.
 */
public enum PrimKind {
    /** {@code make(chan T, cap)}. */
    CHAN("chan"),
    /** The channel {@code C} of {@code time.NewTimer} or {@code time.After}: capacity 1, one send by the runtime. */
    TIMER("timer"),
    /** The channel {@code C} of {@code time.NewTicker}: capacity 1, a send each period, dropped when full. */
    TICKER("ticker"),
    /** A {@code context.Context} from {@code WithCancel} or {@code WithTimeout}: its {@code Done()} channel. */
    CONTEXT("context"),
    /** {@code sync.WaitGroup}. */
    WAITGROUP("waitgroup"),
    /** {@code sync.Cond}, bound to a lock. */
    COND("cond"),
    /** {@code sync.Once}. */
    ONCE("once"),
    /** The timer of {@code time.AfterFunc}: no channel; it starts a goroutine when it fires. */
    AFTERFUNC("afterfunc");

    private final String id;

    PrimKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Whether a goroutine can receive from it: a channel, a timer's or ticker's channel, a context's Done. */
    public boolean isChannel() {
        return this == CHAN || this == TIMER || this == TICKER || this == CONTEXT;
    }

    /**
     * What a primitive of this kind is, in the words the lab writes beside its name: {@code unbuffered chan},
     * {@code chan, cap 4}, {@code timer}, {@code WaitGroup}, ... ({@code cap}: a channel's buffer size).
     */
    public String describe(int cap) {
        return switch (this) {
            case CHAN -> cap == 0 ? "unbuffered chan" : "chan, cap " + cap;
            case TIMER -> "timer";
            case TICKER -> "ticker";
            case CONTEXT -> "context";
            case WAITGROUP -> "WaitGroup";
            case COND -> "Cond";
            case ONCE -> "Once";
            case AFTERFUNC -> "AfterFunc";
        };
    }

    public static PrimKind ofId(String id) {
        for (PrimKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        return null;
    }
}
