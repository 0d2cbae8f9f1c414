package dev.lockscope.scenario;

import dev.lockscope.model.Mode;
import dev.lockscope.model.PrimKind;
import java.util.List;

/**
 * A one-line statement of a script step other than a lock or sleep step (docs/scenario-format.md has the grammar).
 * Names are resolved and types checked when the script is read.
 */
public sealed interface Stmt {
    /** {@code ch <- value}, or {@code send ch} (the zero value of the element type: {@code value} null). */
    record Send(String chan, Expr value) implements Stmt {}

    /**
     * {@code <-ch}, {@code v := <-ch}, {@code v, ok := <-ch}, or the same with {@code =}: {@code targets} are 0 to
     * 2 names ({@code _} discards), declared when {@code declare}.
     */
    record Recv(List<String> targets, boolean declare, ChanExpr from) implements Stmt {
        public Recv {
            targets = List.copyOf(targets);
        }
    }

    /** {@code close(ch)}. */
    record Close(String chan) implements Stmt {}

    /** {@code wg.Add(delta)}. */
    record WgAdd(String wg, Expr delta) implements Stmt {}

    /** {@code wg.Done()}. */
    record WgDone(String wg) implements Stmt {}

    /** {@code wg.Wait()}. */
    record WgWait(String wg) implements Stmt {}

    /** {@code c.Wait()}. */
    record CondWait(String cond) implements Stmt {}

    /** {@code c.Signal()}, or {@code c.Broadcast()} when {@code all}. */
    record CondNotify(String cond, boolean all) implements Stmt {}

    /** {@code once.Do(f)}. */
    record OnceDo(String once, String func) implements Stmt {}

    /** {@code cancel()}: a context's cancel function. */
    record Cancel(String cancel) implements Stmt {}

    /** {@code t.Stop()} of a timer, ticker or AfterFunc timer. */
    record Stop(String timer) implements Stmt {}

    /** {@code t.Reset(d)} of a timer or ticker: stopped, then armed to fire {@code d} from now (a ticker's new period). */
    record Reset(String timer, long durationNs) implements Stmt {}

    /**
     * {@code ok := t.Stop()} or {@code ok = t.Reset(d)}: {@code call}, a {@link Stop} or a timer's {@link Reset},
     * whose result (whether the timer was pending) goes to {@code target}.
     */
    record Into(String target, boolean declare, Stmt call) implements Stmt {}

    /** {@code mu.Lock()} and the like, as the statement of a {@code defer}. */
    record LockOp(String lock, Mode mode, boolean acquire) implements Stmt {}

    /** {@code go f(args)}. */
    record Go(String func, List<Expr> args) implements Stmt {
        public Go {
            args = List.copyOf(args);
        }
    }

    /** {@code f(args)}. */
    record Call(String func, List<Expr> args) implements Stmt {
        public Call {
            args = List.copyOf(args);
        }
    }

    /**
     * {@code recv.method(args)}: a method of a world's type ({@link Vocabulary}), {@code m.Send(msg)}; {@code recv}
     * may be a field ({@code m.conn}).
     */
    record WorldCall(String recv, String recvType, String method, List<Expr> args) implements Stmt {
        public WorldCall {
            args = List.copyOf(args);
        }
    }

    /** {@code go recv.method(args)}: a world's method in a goroutine of its own. */
    record GoWorld(WorldCall call) implements Stmt {}

    /** {@code defer stmt}: a call-like statement run when the function returns or panics. */
    record Defer(Stmt stmt) implements Stmt {}

    /** {@code return}. */
    record Return() implements Stmt {}

    /** {@code break}: out of the innermost loop or select. */
    record Break() implements Stmt {}

    /** {@code continue}: to the next pass of the innermost loop (a counted loop's {@code v++} first). */
    record Continue() implements Stmt {}

    /** {@code name := make(chan T)} or {@code make(chan T, cap)} ({@code cap} null: unbuffered). */
    record MakeChan(String name, GoType elem, Expr cap) implements Stmt {}

    /**
     * {@code var name T}: a nil channel, or a new {@code sync.WaitGroup}, {@code sync.Mutex},
     * {@code sync.RWMutex} or {@code sync.Once}, or a value's zero.
     */
    record Var(String name, GoType type) implements Stmt {}

    /** {@code name := sync.NewCond(&lock)}. */
    record NewCond(String name, String lock) implements Stmt {}

    /**
     * {@code ctx, cancel := context.WithCancel(parent)} ({@code timeoutNs < 0}) or {@code WithTimeout(parent, d)};
     * {@code parent} null is {@code context.Background()}.
     */
    record WithContext(String ctx, String cancel, String parent, long timeoutNs) implements Stmt {}

    /** {@code t := time.NewTimer(d)}, {@code time.NewTicker(d)} ({@code kind} TICKER) or {@code c := time.After(d)}. */
    record NewTimer(String name, PrimKind kind, long durationNs, boolean after) implements Stmt {}

    /** {@code time.AfterFunc(d, f)}, or {@code t := time.AfterFunc(d, f)} ({@code name} null: not kept). */
    record AfterFunc(String name, long durationNs, String func) implements Stmt {}

    /** {@code name := value} ({@code declare}) or {@code name = value}. */
    record Assign(String name, Expr value, boolean declare) implements Stmt {}

    /** {@code name++} or {@code name--}. */
    record IncDec(String name, int delta) implements Stmt {}

    /** Where a receive takes from: a channel, a timer's {@code t.C}, a context's {@code ctx.Done()}, {@code time.After(d)}. */
    sealed interface ChanExpr {
        record Name(String name) implements ChanExpr {}

        record TimerC(String timer) implements ChanExpr {}

        record Done(String context) implements ChanExpr {}

        record After(long durationNs) implements ChanExpr {}
    }
}
