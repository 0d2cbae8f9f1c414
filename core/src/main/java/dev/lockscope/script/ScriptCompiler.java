package dev.lockscope.script;

import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import dev.lockscope.prim.Access;
import dev.lockscope.scenario.Expr;
import dev.lockscope.scenario.GoType;
import dev.lockscope.scenario.ScriptSpec;
import dev.lockscope.scenario.ScriptSpec.ForHead;
import dev.lockscope.scenario.ScriptSpec.Step;
import dev.lockscope.scenario.Stmt;
import dev.lockscope.scenario.Values;
import dev.lockscope.scenario.Vocabulary;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compiles a script (read and checked already) into {@link Fn}s: one per goroutine, named function, closure and
 * deferred statement, each a list of {@link Op}s with resolved names, and the Go listing of each goroutine and
 * function ({@link ScriptCode}), whose line numbers label the sites. Then it works out what each function may do to
 * primitives ({@link Fn#uses}), through calls, {@code go}, {@code defer}, {@code once.Do} and closures, to a fixed
 * point: the kernel's "who could complete a wait" (docs/primitives.md).
 *
 * <p>A world's program (a room's strategy: {@link WorldProgram}) is compiled the same way, its functions only, with
 * the world's {@link Builtins}: they name the functions and label the sites ({@code Room.Broadcast:
 * r.membersMx.RLock()} rather than {@code main #1: ...}), and give the operations on the world's values
 * ({@link Op.World}, {@link Op.GoWorld}, {@link Op.WorldSend}, {@link Op.WorldRange}) their meaning.
 */
final class ScriptCompiler {
    /** The compiled program: the functions that start its goroutines, in order, its functions, and every listing. */
    record Compiled(Map<String, Fn> goroutines, Map<String, Fn> funcs, List<ScriptCode> listings) {}

    private record Entry(Ref ref, GoType type) {}

    /** A function called, started, deferred or made by another, with the caller's refs for its parameters. */
    private record Link(Fn callee, Ref[] args) {}

    private final List<ScriptSpec.GoroutineSpec> goroutineSpecs;
    private final List<ScriptSpec.FuncSpec> funcSpecs;
    /** A world's words, for a world's program (a strategy); null for a script. */
    private final Vocabulary words;
    private final Builtins builtins;
    private final Map<String, Entry> globals = new LinkedHashMap<>();
    private final Map<String, Fn> funcs = new LinkedHashMap<>();
    private final Map<String, List<ScriptSpec.ParamSpec>> params = new HashMap<>();
    private final List<Fn> all = new ArrayList<>();
    private final Map<Fn, List<Link>> links = new HashMap<>();

    /**
     * The compiler of a world's program: its functions, over the world's names ({@code words}) and their meaning
     * ({@code builtins}), which also name its functions and sites.
     */
    ScriptCompiler(List<ScriptSpec.FuncSpec> funcs, Vocabulary words, Builtins builtins) {
        this.goroutineSpecs = List.of();
        this.funcSpecs = funcs;
        this.words = words;
        this.builtins = builtins;
        words.globals().forEach(this::global);
    }

    ScriptCompiler(ScriptSpec spec) {
        this.goroutineSpecs = spec.goroutines();
        this.funcSpecs = spec.funcs();
        this.words = null;
        this.builtins = null;
        for (ScriptSpec.LockSpec l : spec.locks()) {
            global(l.name(), GoType.simple(l.kind() == dev.lockscope.model.LockKind.MUTEX ? GoType.Kind.MUTEX
                    : GoType.Kind.RWMUTEX));
        }
        for (ScriptSpec.ChanSpec c : spec.chans()) {
            global(c.name(), GoType.chan(c.type(), GoType.Dir.BOTH));
        }
        spec.waitGroups().forEach(w -> global(w, GoType.simple(GoType.Kind.WAITGROUP)));
        spec.conds().forEach(c -> global(c.name(), GoType.simple(GoType.Kind.COND)));
        spec.onces().forEach(o -> global(o, GoType.simple(GoType.Kind.ONCE)));
        for (ScriptSpec.ContextSpec c : spec.contexts()) {
            global(c.name(), GoType.simple(GoType.Kind.CONTEXT));
            global(c.cancel(), GoType.simple(GoType.Kind.CANCEL));
        }
        for (ScriptSpec.ConstSpec c : spec.consts()) {
            global(c.name(), switch (c.value()) {
                case Boolean b -> GoType.BOOL;
                case Long l -> GoType.INT;
                default -> GoType.STRING;
            });
        }
    }

    private void global(String name, GoType type) {
        globals.put(name, new Entry(new Ref.Global(name), type));
    }

    Compiled compile() {
        for (ScriptSpec.FuncSpec f : funcSpecs) {
            String name = builtins == null ? f.name() : builtins.functionName(f.name());
            funcs.put(f.name(), fn(name, f.params().size(), new ArrayList<>(), false));
            params.put(f.name(), f.params());
        }
        Map<String, Fn> goroutines = new LinkedHashMap<>();
        List<ScriptCode> listings = new ArrayList<>();
        for (ScriptSpec.GoroutineSpec g : goroutineSpecs) {
            Fn fn = fn(g.name(), 0, new ArrayList<>(), false);
            Listing listing = new Listing(g.name());
            new Ctx(fn, null, listing).body(g.steps());
            goroutines.put(g.name(), fn);
            listings.add(new ScriptCode(g.name(), "func " + g.name() + "() {", listing.lines, listing.sites));
        }
        for (ScriptSpec.FuncSpec f : funcSpecs) {
            Fn fn = funcs.get(f.name());
            Listing listing = new Listing(fn.name);
            Ctx ctx = new Ctx(fn, null, listing);
            List<String> sig = new ArrayList<>();
            for (int i = 0; i < f.params().size(); i++) {
                ScriptSpec.ParamSpec p = f.params().get(i);
                ctx.scope.put(p.name(), new Entry(new Ref.Slot(i), p.type()));
                sig.add(p.name() + " " + p.type());
            }
            ctx.body(f.steps());
            String signature = builtins != null ? builtins.signature(f.name(), f.params())
                    : "func " + f.name() + "(" + String.join(", ", sig) + ") {";
            listings.add(new ScriptCode(fn.name, signature, listing.lines, listing.sites));
        }
        propagateUses();
        return new Compiled(goroutines, funcs, listings);
    }

    private Fn fn(String name, int paramCount, List<Ref> captures, boolean byValue) {
        Fn fn = new Fn(name, paramCount, captures, byValue);
        all.add(fn);
        links.put(fn, new ArrayList<>());
        return fn;
    }

    /** Adds what callees may do to their callers' uses, through the parameters and captures, until nothing changes. */
    private void propagateUses() {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Fn fn : all) {
                for (Link link : links.get(fn)) {
                    Fn callee = link.callee();
                    for (Map.Entry<Ref, Set<Access>> u : List.copyOf(callee.uses.entrySet())) {
                        Ref mine = switch (u.getKey()) {
                            case Ref.Global g -> g;
                            case Ref.Slot s -> link.args() != null && s.index() < link.args().length
                                    ? link.args()[s.index()] : null;
                            case Ref.Capture c -> callee.captures.get(c.index());
                            case Ref.Field f -> null;
                        };
                        if (mine != null) {
                            for (Access a : List.copyOf(u.getValue())) {
                                changed |= fn.use(mine, a);
                            }
                        }
                    }
                }
            }
        }
    }

    /** The Go listing of one goroutine or function, closures included: line numbers label the sites. */
    private static final class Listing {
        final String function;
        final List<String> lines = new ArrayList<>();
        final List<String> sites = new ArrayList<>();

        Listing(String function) {
            this.function = function;
        }

        int add(int depth, String text) {
            lines.add("\t".repeat(depth + 1) + text);
            sites.add(null);
            return lines.size();
        }
    }

    /** The compilation of one function's body; a closure's context encloses its function's. */
    private final class Ctx {
        final Fn fn;
        final Ctx enclosing;
        final Listing listing;
        final List<Op> code = new ArrayList<>();
        final Map<Ref, Integer> captureIndex = new HashMap<>();
        Map<String, Entry> scope = new HashMap<>();
        final List<Map<String, Entry>> outer = new ArrayList<>();
        /** Func literals so far: Go names them FUNCTION.func1, .func2, ... in order. */
        int closures;
        /** Deferred calls so far: not func literals, so counted apart and never shifting the closures' names. */
        int defers;
        /** Where a {@code break} jumps (innermost loop or select first) and a {@code continue}, patched when known. */
        final ArrayDeque<int[]> breaks = new ArrayDeque<>();
        final ArrayDeque<int[]> continues = new ArrayDeque<>();

        Ctx(Fn fn, Ctx enclosing, Listing listing) {
            this.fn = fn;
            this.enclosing = enclosing;
            this.listing = listing;
        }

        void body(List<Step> steps) {
            steps(steps, 0);
            code.add(new Op.Return());
            fn.code = code.toArray(Op[]::new);
        }

        // ---- names ----

        void push() {
            outer.add(scope);
            scope = new HashMap<>();
        }

        void pop() {
            scope = outer.removeLast();
        }

        Entry lookup(String name) {
            Entry e = scope.get(name);
            for (int i = outer.size() - 1; e == null && i >= 0; i--) {
                e = outer.get(i).get(name);
            }
            if (e != null) {
                return e;
            }
            int dot = name.lastIndexOf('.');
            if (words != null && dot > 0 && !globals.containsKey(name)) {
                // A field of a world's value (m.outbox): its base resolved as any name, captured if need be.
                Entry base = lookup(name.substring(0, dot));
                String field = name.substring(dot + 1);
                return new Entry(new Ref.Field(base.ref(), builtins.field(base.type().name(), field)),
                        words.field(base.type(), field));
            }
            if (enclosing != null) {
                Entry o = enclosing.lookup(name);
                if (o.ref() instanceof Ref.Global) {
                    return o;
                }
                int idx = captureIndex.computeIfAbsent(o.ref(), r -> {
                    fn.captures.add(r);
                    return fn.captures.size() - 1;
                });
                return new Entry(new Ref.Capture(idx), o.type());
            }
            return Objects.requireNonNull(globals.get(name), () -> "unresolved name " + name);
        }

        Ref ref(String name) {
            return lookup(name).ref();
        }

        Ref declare(String name, GoType type) {
            if (name.equals("_")) {
                return null;
            }
            Ref ref = new Ref.Slot(fn.slots++);
            scope.put(name, new Entry(ref, type));
            return ref;
        }

        Site site(int line, String text) {
            Site site = builtins != null ? builtins.site(fn.name, text)
                    : new Site(fn.name, listing.function + " #" + line + ": " + text);
            listing.sites.set(line - 1, site.label());
            return site;
        }

        void use(String name, Access access) {
            fn.use(ref(name), access);
        }

        /** The name of what a step makes, before its instance number: {@code main.ch}. */
        String made(String var) {
            return fn.name + "." + var;
        }

        // ---- steps ----

        void steps(List<Step> steps, int depth) {
            for (Step s : steps) {
                step(s, depth);
            }
        }

        void step(Step s, int depth) {
            switch (s) {
                case ScriptSpec.LockStep l -> {
                    int line = listing.add(depth, l.lock() + "." + (l.mode() == Mode.READ ? "R" : "")
                            + (l.acquire() ? "Lock()" : "Unlock()"));
                    code.add(new Op.Lock(ref(l.lock()), l.mode(), l.acquire(), site(line, l.text())));
                }
                case ScriptSpec.SleepStep sl -> {
                    int line = listing.add(depth, "time.Sleep(" + duration(sl.durationNs()) + ")");
                    code.add(new Op.Sleep(sl.durationNs(), site(line, sl.text())));
                }
                case ScriptSpec.Simple simple when simple.stmt() instanceof Stmt.GoWorld g -> {
                    // go m.Send(msg): the world's goroutine, named like the k-th func literal of the function.
                    int line = listing.add(depth, simple.text().strip());
                    String call = simple.text().strip().substring("go".length()).strip();
                    Site site = builtins.site(fn.name + ".func" + ++closures, call);
                    listing.sites.set(line - 1, site.label());
                    Stmt.WorldCall c = g.call();
                    code.add(new Op.GoWorld(builtins.method(c.recvType(), c.method()), eval(new Expr.Name(c.recv())),
                            c.args().isEmpty() ? null : eval(c.args().getFirst()), site));
                }
                case ScriptSpec.Simple simple -> {
                    int line = listing.add(depth, simple.text().strip());
                    stmt(simple.stmt(), site(line, simple.text()), depth);
                }
                case ScriptSpec.ForStep f -> loop(f, depth);
                case ScriptSpec.IfStep i -> branch(i, depth);
                case ScriptSpec.SelectStep sel -> select(sel, depth);
                case ScriptSpec.GoBlock g -> {
                    listing.add(depth, "go func() {");
                    Fn c = closure(g.body(), depth, false);
                    listing.add(depth, "}()");
                    Op.World named = null;
                    for (Op op : c.code) {
                        if (op instanceof Op.World w && named == null) {
                            named = w;
                        }
                    }
                    code.add(named == null ? new Op.GoClosure(c) : new Op.GoClosure(c, named.method(), named.recv()));
                }
                case ScriptSpec.DeferBlock d -> {
                    listing.add(depth, "defer func() {");
                    Fn c = closure(d.body(), depth, false);
                    listing.add(depth, "}()");
                    code.add(new Op.Defer(c));
                }
            }
        }

        Fn closure(List<Step> body, int depth, boolean byValue) {
            Fn c = fn(fn.name + ".func" + ++closures, 0, new ArrayList<>(), byValue);
            Ctx ctx = new Ctx(c, this, listing);
            ctx.steps(body, depth + 1);
            ctx.code.add(new Op.Return());
            c.code = ctx.code.toArray(Op[]::new);
            links.get(fn).add(new Link(c, null));
            return c;
        }

        void loop(ScriptSpec.ForStep f, int depth) {
            String head = f.header().strip();
            String text = head.isEmpty() ? "for {" : "for " + head + " {";
            int line = listing.add(depth, text);
            Site site = site(line, text);
            push();
            int[] exit = {-1};
            int[] next = {-1};
            breaks.push(exit);
            continues.push(next);
            int top;
            switch (f.head()) {
                case ForHead.Counted c -> {
                    Ref var = declare(c.var(), GoType.INT);
                    code.add(new Op.Assign(var, eval(c.from()), true));
                    top = code.size();
                    Op.Eval limit = eval(c.limit());
                    String cmp = c.cmp();
                    code.add(new Op.JumpUnless(fr -> compare(cmp, (Long) fr.get(var), (Long) limit.eval(fr)), exit));
                    push();
                    steps(f.body(), depth + 1);
                    pop();
                    int step = c.step();
                    next[0] = code.size();
                    code.add(new Op.Assign(var, fr -> (Long) fr.get(var) + step, false));
                }
                case ForHead.Each e -> {
                    Op.Eval list = eval(e.list());
                    Ref cursor = new Ref.Slot(fn.slots++);
                    code.add(new Op.Assign(cursor, fr -> new Cursor((List<?>) list.eval(fr)), true));
                    top = code.size();
                    Ref var = declare(e.var(), typeOf(e.list()).elem());
                    boolean[] fresh = {false};
                    code.add(new Op.EachNext(cursor, var, fresh, exit));
                    int made = all.size();
                    push();
                    steps(f.body(), depth + 1);
                    pop();
                    // Only a closure made in the body can hold on to a pass's variable: without one, one will do.
                    for (Fn c : all.subList(made, all.size())) {
                        fresh[0] |= c.captures.contains(var);
                    }
                }
                case ForHead.Range r -> {
                    // Go evaluates the range expression once: ch may be set to nil in the body, m.outbox may
                    // name another channel later, and time.After(d) makes one timer.
                    Ref once = new Ref.Slot(fn.slots++);
                    code.add(new Op.RangeOpen(source(r.chan(), site), once));
                    Op.Source src = new Op.Source.Var(once);
                    top = code.size();
                    GoType elem = r.var() == null ? null : elemOf(r.chan());
                    Ref var = r.var() == null ? null : declare(r.var(), elem);
                    code.add(new Op.Range(src, var, site, exit));
                    push();
                    steps(f.body(), depth + 1);
                    pop();
                }
                case ForHead.Forever fe -> {
                    top = code.size();
                    push();
                    steps(f.body(), depth + 1);
                    pop();
                }
                case ForHead.While w -> {
                    top = code.size();
                    code.add(new Op.JumpUnless(eval(w.cond()), exit));
                    push();
                    steps(f.body(), depth + 1);
                    pop();
                }
            }
            if (next[0] < 0) {
                next[0] = top;
            }
            breaks.pop();
            continues.pop();
            code.add(new Op.Jump(new int[] {top}));
            exit[0] = code.size();
            pop();
            listing.add(depth, "}");
        }

        void branch(ScriptSpec.IfStep i, int depth) {
            listing.add(depth, "if " + i.cond().strip() + " {");
            Op.Eval cond = eval(i.condition());
            int[] otherwise = {-1};
            code.add(new Op.JumpUnless(cond, otherwise));
            push();
            steps(i.then(), depth + 1);
            pop();
            if (i.otherwise().isEmpty()) {
                otherwise[0] = code.size();
            } else {
                int[] end = {-1};
                code.add(new Op.Jump(end));
                listing.add(depth, "} else {");
                otherwise[0] = code.size();
                push();
                steps(i.otherwise(), depth + 1);
                pop();
                end[0] = code.size();
            }
            listing.add(depth, "}");
        }

        void select(ScriptSpec.SelectStep sel, int depth) {
            int line = listing.add(depth, "select {");
            Site site = site(line, "select {");
            List<Op.Case> cases = new ArrayList<>();
            int[] targets = new int[sel.cases().size()];
            int[] defaultTarget = {-1};
            Op.Select op = new Op.Select(cases, sel.otherwise() != null, targets, defaultTarget, site);
            code.add(op);
            int[] end = {-1};
            breaks.push(end);
            List<int[]> ends = new ArrayList<>();
            for (int k = 0; k < sel.cases().size(); k++) {
                ScriptSpec.SelectCase c = sel.cases().get(k);
                String text = "case " + c.text().strip() + ":";
                Site caseSite = site(listing.add(depth, text), text);
                push();
                cases.add(switch (c.comm()) {
                    case Stmt.Send s -> {
                        use(s.chan(), Access.SEND);
                        GoType t = lookup(s.chan()).type();
                        yield new Op.Case(true, ref(s.chan()), s.value() == null ? null : eval(s.value()),
                                t.elem().zero(), null, null, false, caseSite);
                    }
                    case Stmt.Recv r -> new Op.Case(false, null, null, null, source(r.from(), caseSite),
                            targets(r), r.declare(), caseSite);
                    default -> throw new IllegalStateException("not a communication: " + c.comm());
                });
                targets[k] = code.size();
                steps(c.body(), depth + 1);
                pop();
                int[] e = {-1};
                code.add(new Op.Jump(e));
                ends.add(e);
            }
            if (sel.otherwise() != null) {
                listing.add(depth, "default:");
                defaultTarget[0] = code.size();
                push();
                steps(sel.otherwise(), depth + 1);
                pop();
            }
            end[0] = code.size();
            breaks.pop();
            for (int[] e : ends) {
                e[0] = end[0];
            }
            listing.add(depth, "}");
        }

        // ---- statements ----

        void stmt(Stmt s, Site site, int depth) {
            switch (s) {
                case Stmt.Send send -> {
                    use(send.chan(), Access.SEND);
                    GoType t = lookup(send.chan()).type();
                    code.add(new Op.Send(ref(send.chan()), send.value() == null ? null : eval(send.value()),
                            t.elem().zero(), site));
                }
                case Stmt.Recv r -> code.add(new Op.Recv(source(r.from(), site), targets(r), r.declare(), site));
                case Stmt.Close c -> {
                    use(c.chan(), Access.CLOSE);
                    code.add(new Op.Close(ref(c.chan()), site));
                }
                case Stmt.WgAdd a -> {
                    use(a.wg(), Access.ADD);
                    code.add(new Op.WgAdd(ref(a.wg()), eval(a.delta()), false, site));
                }
                case Stmt.WgDone d -> {
                    use(d.wg(), Access.ADD);
                    code.add(new Op.WgAdd(ref(d.wg()), fr -> -1L, true, site));
                }
                case Stmt.WgWait w -> code.add(new Op.WgWait(ref(w.wg()), site));
                case Stmt.CondWait w -> {
                    code.add(new Op.CondWait(ref(w.cond()), site));
                    code.add(new Op.Relock(ref(w.cond()), site));
                }
                case Stmt.CondNotify n -> {
                    use(n.cond(), Access.SIGNAL);
                    code.add(new Op.CondNotify(ref(n.cond()), n.all(), site));
                }
                case Stmt.OnceDo o -> {
                    Fn f = funcs.get(o.func());
                    Fn wrapper = fn(o.once() + ".Do(" + o.func() + ")", 1, new ArrayList<>(), false);
                    Fn end = fn(wrapper.name + ".end", 0, new ArrayList<>(List.of(new Ref.Slot(0))), true);
                    end.code = new Op[] {new Op.OnceEnd(new Ref.Capture(0), site), new Op.Return()};
                    wrapper.slots = 1;
                    wrapper.code = new Op[] {new Op.Defer(end), new Op.Call(f, new Op.Eval[0]), new Op.Return()};
                    links.get(wrapper).add(new Link(f, new Ref[0]));
                    links.get(wrapper).add(new Link(end, null));
                    links.get(fn).add(new Link(wrapper, new Ref[] {ref(o.once())}));
                    code.add(new Op.OnceDo(ref(o.once()), wrapper, site));
                }
                case Stmt.Cancel c -> {
                    use(c.cancel(), Access.CLOSE);
                    code.add(new Op.Cancel(ref(c.cancel()), site));
                }
                case Stmt.Stop st -> code.add(new Op.Stop(ref(st.timer()), null, false, site));
                case Stmt.Reset r -> code.add(new Op.Reset(ref(r.timer()), r.durationNs(), null, false, site));
                case Stmt.Into into -> {
                    Ref target = into.declare() ? declare(into.target(), GoType.BOOL) : ref(into.target());
                    code.add(switch (into.call()) {
                        case Stmt.Stop st -> new Op.Stop(ref(st.timer()), target, into.declare(), site);
                        case Stmt.Reset r -> new Op.Reset(ref(r.timer()), r.durationNs(), target, into.declare(), site);
                        default -> throw new IllegalStateException("no result: " + into.call());
                    });
                }
                case Stmt.LockOp l -> code.add(new Op.Lock(ref(l.lock()), l.mode(), l.acquire(), site));
                case Stmt.Go g -> {
                    Fn f = funcs.get(g.func());
                    code.add(new Op.Go(f, args(g.args())));
                    links.get(fn).add(new Link(f, argRefs(g.args())));
                }
                case Stmt.Call c -> {
                    Fn f = funcs.get(c.func());
                    code.add(new Op.Call(f, args(c.args())));
                    links.get(fn).add(new Link(f, argRefs(c.args())));
                }
                case Stmt.Defer d -> {
                    // A deferred statement is a closure that captures by value: Go evaluates its arguments now.
                    Fn c = fn(fn.name + ".defer" + ++defers, 0, new ArrayList<>(), true);
                    Ctx ctx = new Ctx(c, this, listing);
                    ctx.stmt(d.stmt(), site, depth);
                    ctx.code.add(new Op.Return());
                    c.code = ctx.code.toArray(Op[]::new);
                    links.get(fn).add(new Link(c, null));
                    code.add(new Op.Defer(c));
                }
                case Stmt.Return r -> code.add(new Op.Return());
                case Stmt.Break b -> code.add(new Op.Jump(breaks.peek()));
                case Stmt.Continue c -> code.add(new Op.Jump(continues.peek()));
                case Stmt.MakeChan m -> {
                    Ref target = declare(m.name(), GoType.chan(m.elem(), GoType.Dir.BOTH));
                    code.add(new Op.MakeChan(target, made(m.name()), m.cap() == null ? null : eval(m.cap()),
                            m.elem().zero()));
                }
                case Stmt.Var v -> code.add(new Op.Var(declare(v.name(), v.type()), made(v.name()), v.type()));
                case Stmt.NewCond c -> {
                    Ref lock = ref(c.lock());
                    code.add(new Op.NewCond(declare(c.name(), GoType.simple(GoType.Kind.COND)), made(c.name()), lock));
                }
                case Stmt.WithContext w -> {
                    Ref parent = w.parent() == null ? null : ref(w.parent());
                    Ref ctx = declare(w.ctx(), GoType.simple(GoType.Kind.CONTEXT));
                    Ref cancel = declare(w.cancel(), GoType.simple(GoType.Kind.CANCEL));
                    code.add(new Op.WithContext(ctx, cancel, made(w.ctx()), parent, w.timeoutNs(), site));
                }
                case Stmt.NewTimer t -> {
                    GoType type = t.after() ? GoType.chan(GoType.TIME, GoType.Dir.RECV)
                            : GoType.simple(t.kind() == dev.lockscope.model.PrimKind.TICKER ? GoType.Kind.TICKER
                            : GoType.Kind.TIMER);
                    code.add(new Op.NewTimer(declare(t.name(), type), made(t.name()), t.kind(), t.durationNs(), site));
                }
                case Stmt.AfterFunc a -> {
                    Fn f = funcs.get(a.func());
                    Ref target = a.name() == null ? null : declare(a.name(), GoType.simple(GoType.Kind.AFTERFUNC));
                    code.add(new Op.AfterFunc(target, made(a.name() == null ? "AfterFunc" : a.name()),
                            a.durationNs(), f, site));
                    links.get(fn).add(new Link(f, new Ref[0]));
                }
                case Stmt.Assign a -> {
                    Op.Eval value = eval(a.value());
                    Ref target = a.declare() ? declare(a.name(), typeOf(a.value())) : ref(a.name());
                    code.add(new Op.Assign(target, value, a.declare()));
                }
                case Stmt.WorldCall c -> code.add(new Op.World(builtins.method(c.recvType(), c.method()),
                        eval(new Expr.Name(c.recv())), c.args().isEmpty() ? null : eval(c.args().getFirst()), site));
                case Stmt.GoWorld g -> throw new IllegalStateException("compiled as a step: " + g);
                case Stmt.IncDec i -> {
                    Ref target = ref(i.name());
                    int d = i.delta();
                    code.add(new Op.Assign(target, fr -> (Long) fr.get(target) + d, false));
                }
            }
        }

        Ref[] targets(Stmt.Recv r) {
            GoType elem = elemOf(r.from());
            Ref[] out = new Ref[r.targets().size()];
            for (int i = 0; i < out.length; i++) {
                String name = r.targets().get(i);
                if (name.equals("_")) {
                    continue;
                }
                out[i] = r.declare() ? declare(name, i == 0 ? elem : GoType.BOOL) : ref(name);
            }
            return out;
        }

        Op.Source source(Stmt.ChanExpr from, Site site) {
            return switch (from) {
                case Stmt.ChanExpr.Name n -> {
                    use(n.name(), Access.RECV);
                    yield new Op.Source.Var(ref(n.name()));
                }
                case Stmt.ChanExpr.TimerC t -> {
                    use(t.timer(), Access.RECV);
                    yield new Op.Source.Var(ref(t.timer()));
                }
                case Stmt.ChanExpr.Done d -> {
                    use(d.context(), Access.RECV);
                    yield new Op.Source.Var(ref(d.context()));
                }
                case Stmt.ChanExpr.After a -> new Op.Source.After(a.durationNs(), site);
            };
        }

        GoType elemOf(Stmt.ChanExpr from) {
            return switch (from) {
                case Stmt.ChanExpr.Name n -> lookup(n.name()).type().elem();
                case Stmt.ChanExpr.Done d -> GoType.STRUCT;
                default -> GoType.TIME;
            };
        }

        Op.Eval[] args(List<Expr> args) {
            Op.Eval[] out = new Op.Eval[args.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = eval(args.get(i));
            }
            return out;
        }

        Ref[] argRefs(List<Expr> args) {
            Ref[] out = new Ref[args.size()];
            for (int i = 0; i < out.length; i++) {
                if (args.get(i) instanceof Expr.Name n) {
                    out[i] = ref(n.name());
                }
            }
            return out;
        }

        // ---- expressions ----

        GoType typeOf(Expr e) {
            return e.type(name -> lookup(name).type());
        }

        Op.Eval eval(Expr e) {
            return switch (e) {
                case Expr.Int i -> {
                    Long v = i.value();
                    yield fr -> v;
                }
                case Expr.Str s -> {
                    String v = s.value();
                    yield fr -> v;
                }
                case Expr.Bool b -> {
                    Boolean v = b.value();
                    yield fr -> v;
                }
                case Expr.Nil n -> fr -> null;
                case Expr.Struct s -> fr -> Values.STRUCT;
                case Expr.Name n -> {
                    Ref r = ref(n.name());
                    yield fr -> fr.get(r);
                }
                case Expr.Len l -> {
                    Ref r = ref(l.chan());
                    boolean cap = l.cap();
                    yield fr -> {
                        Object c = fr.get(r);
                        return c == null ? 0L : (long) (cap ? ((dev.lockscope.prim.Chan) c).cap()
                                : ((dev.lockscope.prim.Chan) c).len());
                    };
                }
                case Expr.IsNil n -> {
                    Ref r = ref(n.chan());
                    boolean nil = n.nil();
                    yield fr -> (fr.get(r) == null) == nil;
                }
                case Expr.Not n -> {
                    Op.Eval x = eval(n.operand());
                    yield fr -> !(Boolean) x.eval(fr);
                }
                case Expr.Binary b -> binary(b.op(), eval(b.left()), eval(b.right()));
                case Expr.Clone c -> {
                    Op.Eval slice = eval(c.slice());
                    yield fr -> List.copyOf((List<?>) slice.eval(fr));
                }
            };
        }
    }

    private static Op.Eval binary(String op, Op.Eval l, Op.Eval r) {
        return switch (op) {
            case "&&" -> fr -> (Boolean) l.eval(fr) && (Boolean) r.eval(fr);
            case "||" -> fr -> (Boolean) l.eval(fr) || (Boolean) r.eval(fr);
            case "+" -> fr -> {
                Object a = l.eval(fr);
                Object b = r.eval(fr);
                return a instanceof String s ? s + b : (Long) a + (Long) b;
            };
            case "-" -> fr -> (Long) l.eval(fr) - (Long) r.eval(fr);
            case "*" -> fr -> (Long) l.eval(fr) * (Long) r.eval(fr);
            case "==" -> fr -> Objects.equals(l.eval(fr), r.eval(fr));
            case "!=" -> fr -> !Objects.equals(l.eval(fr), r.eval(fr));
            default -> fr -> ordered(op, l.eval(fr), r.eval(fr));
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean ordered(String op, Object a, Object b) {
        int c = ((Comparable) a).compareTo(b);
        return switch (op) {
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
        };
    }

    private static boolean compare(String cmp, long a, long b) {
        return switch (cmp) {
            case "<" -> a < b;
            case "<=" -> a <= b;
            case ">" -> a > b;
            case ">=" -> a >= b;
            default -> a != b;
        };
    }

    /** A duration as Go writes it: {@code 10 * time.Millisecond}, {@code 500 * time.Microsecond}. */
    static String duration(long ns) {
        if (ns % 1_000_000_000L == 0 && ns != 0) {
            return ns / 1_000_000_000L + " * time.Second";
        }
        if (ns % 1_000_000 == 0) {
            return ns / 1_000_000 + " * time.Millisecond";
        }
        if (ns % 1_000 == 0) {
            return ns / 1_000 + " * time.Microsecond";
        }
        return ns + " * time.Nanosecond";
    }
}
