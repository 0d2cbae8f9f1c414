package dev.lockscope.scenario;

import dev.lockscope.model.LockKind;
import dev.lockscope.model.Mode;
import java.util.List;
import java.util.Objects;

/**
 * A script: named locks, channels and sync primitives, constants, functions, and goroutines that run steps, for
 * lessons, detector tests and the shapes of real bugs (docs/scenario-format.md). A step is one line of Go-like text
 * or a block ({@code for}, {@code if}, {@code select}, {@code go func() {...}()}, {@code defer func() {...}()}).
 * Names are resolved and types checked when the script is read, so a script that reads runs.
 */
public record ScriptSpec(List<LockSpec> locks, List<ChanSpec> chans, List<String> waitGroups, List<CondSpec> conds,
                         List<String> onces, List<ContextSpec> contexts, List<ConstSpec> consts,
                         List<FuncSpec> funcs, List<GoroutineSpec> goroutines, List<TimedCommand> events)
        implements ScenarioBody {

    public ScriptSpec {
        locks = List.copyOf(locks);
        chans = List.copyOf(chans);
        waitGroups = List.copyOf(waitGroups);
        conds = List.copyOf(conds);
        onces = List.copyOf(onces);
        contexts = List.copyOf(contexts);
        consts = List.copyOf(consts);
        funcs = List.copyOf(funcs);
        goroutines = List.copyOf(goroutines);
        events = List.copyOf(events);
    }

    /** A script of locks alone. */
    public ScriptSpec(List<LockSpec> locks, List<GoroutineSpec> goroutines, List<TimedCommand> events) {
        this(locks, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), goroutines, events);
    }

    /**
     * Whether the script uses more than version 2 of the trace format can record: any channel or sync primitive,
     * constant or function, or any step other than a lock or sleep step.
     */
    public boolean usesPrimitives() {
        if (!chans.isEmpty() || !waitGroups.isEmpty() || !conds.isEmpty() || !onces.isEmpty() || !contexts.isEmpty()
                || !consts.isEmpty() || !funcs.isEmpty()) {
            return true;
        }
        for (GoroutineSpec g : goroutines) {
            for (Step s : g.steps()) {
                if (!(s instanceof LockStep) && !(s instanceof SleepStep)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A lock of the script. */
    public record LockSpec(String name, LockKind kind) {
        public LockSpec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** A channel of the script: {@code make(chan type, cap)}, or a nil channel ({@code var name chan type}). */
    public record ChanSpec(String name, GoType type, int cap, boolean nil) {
        public ChanSpec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            if (cap < 0 || (nil && cap != 0)) {
                throw new IllegalArgumentException("cap must be >= 0, and 0 for a nil channel");
            }
        }
    }

    /** {@code sync.NewCond(&lock)}. */
    public record CondSpec(String name, String lock) {}

    /**
     * A context: {@code WithCancel(parent)}, or {@code WithTimeout(parent, timeout)} when {@code timeoutNs >= 0};
     * {@code parent} null is {@code context.Background()}; {@code cancel} names its cancel function.
     */
    public record ContextSpec(String name, String parent, long timeoutNs, String cancel) {}

    /** A constant: a {@code Boolean}, {@code Long} or {@code String}. */
    public record ConstSpec(String name, Object value) {}

    /** A parameter of a function: its text as written ({@code ch chan int}), name and type. */
    public record ParamSpec(String text, String name, GoType type) {}

    /** A named function, called, started ({@code go}) or deferred by steps. */
    public record FuncSpec(String name, List<ParamSpec> params, List<Step> steps) {
        public FuncSpec {
            params = List.copyOf(params);
            steps = List.copyOf(steps);
        }
    }

    /** A goroutine that starts at {@code startNs} and runs {@code steps} once, in order. */
    public record GoroutineSpec(String name, long startNs, List<Step> steps) {
        public GoroutineSpec {
            Objects.requireNonNull(name, "name");
            steps = List.copyOf(steps);
            if (startNs < 0) {
                throw new IllegalArgumentException("startNs must be >= 0");
            }
        }
    }

    /** One step; a simple step's {@code text} is the step as written in the file, a block's is its head. */
    public sealed interface Step {
        String text();
    }

    /** {@code lock X}, {@code rlock X}, {@code X.Lock()}, ...: acquire; {@code unlock X}, {@code X.Unlock()}, ...: release. */
    public record LockStep(String text, String lock, Mode mode, boolean acquire) implements Step {}

    /** {@code sleep MS} or {@code time.Sleep(d)}. */
    public record SleepStep(String text, long durationNs) implements Step {}

    /** Any other one-line statement. */
    public record Simple(String text, Stmt stmt) implements Step {}

    /** {@code for head { body }}: {@code header} is the head as written ({@code i := 0; i < 3; i++}, {@code v := range ch}, or empty). */
    public record ForStep(String header, ForHead head, List<Step> body) implements Step {
        public ForStep {
            body = List.copyOf(body);
        }

        @Override
        public String text() {
            return header.isBlank() ? "for" : "for " + header.strip();
        }
    }

    /** {@code if cond { then } else { otherwise }}. */
    public record IfStep(String cond, Expr condition, List<Step> then, List<Step> otherwise) implements Step {
        public IfStep {
            then = List.copyOf(then);
            otherwise = List.copyOf(otherwise);
        }

        @Override
        public String text() {
            return "if " + cond.strip();
        }
    }

    /** {@code select { case ...: ... default: ... }}; {@code otherwise} null when there is no default. */
    public record SelectStep(List<SelectCase> cases, List<Step> otherwise) implements Step {
        public SelectStep {
            cases = List.copyOf(cases);
            otherwise = otherwise == null ? null : List.copyOf(otherwise);
        }

        @Override
        public String text() {
            return "select";
        }
    }

    /** One case of a select: its communication ({@link Stmt.Send} or {@link Stmt.Recv}) as written, and its body. */
    public record SelectCase(String text, Stmt comm, List<Step> body) {
        public SelectCase {
            body = List.copyOf(body);
        }
    }

    /** {@code go func() { body }()}: a goroutine running a closure over the enclosing function's variables. */
    public record GoBlock(List<Step> body) implements Step {
        public GoBlock {
            body = List.copyOf(body);
        }

        @Override
        public String text() {
            return "go func() {...}()";
        }
    }

    /** {@code defer func() { body }()}. */
    public record DeferBlock(List<Step> body) implements Step {
        public DeferBlock {
            body = List.copyOf(body);
        }

        @Override
        public String text() {
            return "defer func() {...}()";
        }
    }

    /** The head of a {@code for} loop. */
    public sealed interface ForHead {
        /** {@code v := from; v CMP limit; v++} (or {@code v--}: {@code step} -1). */
        record Counted(String var, Expr from, String cmp, Expr limit, int step) implements ForHead {}

        /** {@code v := range ch} ({@code var} null: {@code range ch}): until the channel is closed and drained. */
        record Range(String var, Stmt.ChanExpr chan) implements ForHead {}

        /** {@code for { }}: until a {@code return} or {@code break}. */
        record Forever() implements ForHead {}

        /** {@code for cond { }}: while the condition holds, tested before each pass. */
        record While(Expr cond) implements ForHead {}

        /** {@code _, var := range list}: each element of a slice, the slice taken once when the loop starts. */
        record Each(String var, Expr list) implements ForHead {}
    }
}
