package dev.lockscope.script;

import java.util.ArrayDeque;

/**
 * One activation of a compiled function: its variables, the variables it captured, where it is, and its deferred
 * calls (run last in, first out when it returns or its goroutine panics).
 */
final class Frame {
    final Fn fn;
    final ScriptRuntime rt;
    final Box[] slots;
    final Box[] captured;
    int pc;
    /** Deferred calls, each a frame ready to run; the last deferred runs first. */
    final ArrayDeque<Frame> defers = new ArrayDeque<>(0);
    /** Set by {@code return}, by falling off the end, or by a panic: the frame runs its defers, then pops. */
    boolean returning;

    Frame(Fn fn, Box[] captured, ScriptRuntime rt) {
        this.fn = fn;
        this.rt = rt;
        this.slots = new Box[fn.slots];
        this.captured = captured;
    }

    /** The variable {@code ref} names; a global's is a fresh box of its (unchangeable) value. */
    Box box(Ref ref) {
        return switch (ref) {
            case Ref.Slot s -> slots[s.index()];
            case Ref.Capture c -> captured[c.index()];
            case Ref.Global g -> new Box(rt.global(g.name()));
            case Ref.Field fl -> new Box(get(fl));
        };
    }

    Object get(Ref ref) {
        if (ref instanceof Ref.Global g) {
            return rt.global(g.name());
        }
        if (ref instanceof Ref.Field fl) {
            return fl.get().apply(get(fl.base()));
        }
        Box b = box(ref);
        return b == null ? null : b.value;
    }

    /** Binds {@code ref} to {@code value}: a new variable when {@code declare}, else the existing one. */
    void set(Ref ref, Object value, boolean declare) {
        switch (ref) {
            case Ref.Slot s -> {
                if (declare || slots[s.index()] == null) {
                    slots[s.index()] = new Box(value);
                } else {
                    slots[s.index()].value = value;
                }
            }
            case Ref.Capture c -> captured[c.index()].value = value;
            case Ref.Global g -> throw new IllegalStateException("cannot assign to global " + g.name());
            case Ref.Field fl -> throw new IllegalStateException("cannot assign to a world's field");
        }
    }
}
