package dev.lockscope.script;

import dev.lockscope.model.Mode;
import dev.lockscope.model.PrimKind;
import dev.lockscope.model.Site;
import dev.lockscope.scenario.GoType;
import java.util.List;

/**
 * One operation of a compiled function ({@link Fn}): a kernel instruction (lock, sleep, a primitive operation), a
 * jump, an assignment, a call, a {@code go}, a {@code defer}, a {@code return}, or the making of a primitive.
 * Names are resolved ({@link Ref}) and values are {@link Eval}s, so running an operation looks nothing up by name.
 */
sealed interface Op {

    /** A value computed from a frame. */
    @FunctionalInterface
    interface Eval {
        Object eval(Frame f);
    }

    /** Where a receive takes from; evaluated each time (a {@code time.After} makes a new timer each time). */
    sealed interface Source {
        record Var(Ref ref) implements Source {}

        record After(long durationNs, Site site) implements Source {}
    }

    // ---- kernel instructions ----

    record Lock(Ref lock, Mode mode, boolean acquire, Site site) implements Op {}

    record Sleep(long durationNs, Site site) implements Op {}

    /** {@code ch <- v}; {@code value} null sends the element type's zero value. */
    record Send(Ref chan, Eval value, Object zero, Site site) implements Op {}

    /** A receive; its value and {@code ok} go to {@code targets} (null entries discard). */
    record Recv(Source from, Ref[] targets, boolean declare, Site site) implements Op {}

    /** A {@code for v := range ch} iteration's receive: jumps to {@code exit} once the channel is closed and drained. */
    record Range(Source from, Ref target, Site site, int[] exit) implements Op {}

    /** Evaluates a {@code range}'s channel into {@code into}, once, before the loop: Go's rule for a range expression. */
    record RangeOpen(Source from, Ref into) implements Op {}

    record Close(Ref chan, Site site) implements Op {}

    record WgAdd(Ref wg, Eval delta, boolean done, Site site) implements Op {}

    record WgWait(Ref wg, Site site) implements Op {}

    /** {@code c.Wait()} up to the wake-up; a {@link Relock} of {@code c.L} follows. */
    record CondWait(Ref cond, Site site) implements Op {}

    /** The {@code c.L.Lock()} that ends {@code c.Wait()}. */
    record Relock(Ref cond, Site site) implements Op {}

    record CondNotify(Ref cond, boolean all, Site site) implements Op {}

    record Cancel(Ref cancel, Site site) implements Op {}

    /** {@code t.Stop()}; with a {@code target}, {@code ok := t.Stop()}. */
    record Stop(Ref timer, Ref target, boolean declare, Site site) implements Op {}

    /** {@code t.Reset(d)}; with a {@code target}, {@code ok := t.Reset(d)}. */
    record Reset(Ref timer, long durationNs, Ref target, boolean declare, Site site) implements Op {}

    /** {@code once.Do(f)}: when the Once says so, {@code wrapper} (its parameter: the Once) runs {@code f} and ends it. */
    record OnceDo(Ref once, Fn wrapper, Site site) implements Op {}

    record OnceEnd(Ref once, Site site) implements Op {}

    /** One case of a select: a send of {@code value} on {@code chan}, or a receive from {@code from} into {@code targets}. */
    record Case(boolean send, Ref chan, Eval value, Object zero, Source from, Ref[] targets, boolean declare, Site site) {}

    /** {@code select}: case {@code i}'s body starts at {@code targets[i]}, the default's at {@code defaultTarget}. */
    record Select(List<Case> cases, boolean hasDefault, int[] targets, int[] defaultTarget, Site site) implements Op {}

    /** A panic the script raises itself (a run-time error). */
    record Panic(String message, Site site) implements Op {}

    // ---- control ----

    record Jump(int[] target) implements Op {}

    record JumpUnless(Eval condition, int[] target) implements Op {}

    record Assign(Ref target, Eval value, boolean declare) implements Op {}

    record Call(Fn fn, Eval[] args) implements Op {}

    /** {@code go f(args)}. */
    record Go(Fn fn, Eval[] args) implements Op {}

    /**
     * {@code go func() {...}()}: named after the world's method it calls ({@code Send(bob)}) when {@code namer} is
     * set, its receiver evaluated in the new goroutine's frame; else {@code FUNCTION.funcK#N}.
     */
    record GoClosure(Fn fn, Builtins.Method namer, Eval namerRecv) implements Op {
        GoClosure(Fn fn) {
            this(fn, null, null);
        }
    }

    // ---- a world's words ----

    /** {@code recv.M(arg)}: a method of a world's type. */
    record World(Builtins.Method method, Eval recv, Eval arg, Site site) implements Op {}

    /** {@code go recv.M(arg)}. */
    record GoWorld(Builtins.Method method, Eval recv, Eval arg, Site site) implements Op {}

    /**
     * The next element of a {@code range} over a slice ({@link Cursor} in {@code cursor}) into {@code target}, a new
     * variable each pass when {@code captured[0]} (a closure in the body captures it: set once the body is compiled);
     * past the end, {@code exit}.
     */
    record EachNext(Ref cursor, Ref target, boolean[] captured, int[] exit) implements Op {
        boolean fresh() {
            return captured[0];
        }
    }

    /** {@code defer}: a closure ({@code defer func() {...}()}) or a deferred statement, run at the return. */
    record Defer(Fn fn) implements Op {}

    record Return() implements Op {}

    // ---- making primitives ----

    record MakeChan(Ref target, String name, Eval cap, Object zero) implements Op {}

    /** {@code var name T}: a nil channel, a WaitGroup, a Mutex or RWMutex, a Once, or a value's zero. */
    record Var(Ref target, String name, GoType type) implements Op {}

    record NewCond(Ref target, String name, Ref lock) implements Op {}

    record WithContext(Ref ctx, Ref cancel, String name, Ref parent, long timeoutNs, Site site) implements Op {}

    record NewTimer(Ref target, String name, PrimKind kind, long durationNs, Site site) implements Op {}

    record AfterFunc(Ref target, String name, long durationNs, Fn f, Site site) implements Op {}
}
