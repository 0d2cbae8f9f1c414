package dev.lockscope.script;

import dev.lockscope.lock.TrackedLock;
import dev.lockscope.model.LockKind;
import dev.lockscope.model.Mode;
import dev.lockscope.prim.Access;
import dev.lockscope.prim.Chan;
import dev.lockscope.prim.Cond;
import dev.lockscope.prim.Context;
import dev.lockscope.prim.Once;
import dev.lockscope.prim.Prim;
import dev.lockscope.prim.PrimStep;
import dev.lockscope.prim.Reach;
import dev.lockscope.prim.Select;
import dev.lockscope.prim.WaitGroup;
import dev.lockscope.sim.Goroutine;
import dev.lockscope.sim.Instruction;
import dev.lockscope.sim.Kernel;
import dev.lockscope.sim.Program;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One goroutine of a script, interpreting compiled {@link Fn}s: a stack of {@link Frame}s, each running its
 * {@link Op}s until one is a kernel instruction, which it hands to the kernel. What a primitive operation gave back
 * (a received value and {@code ok}, the select case that ran) is bound when the kernel next asks for an
 * instruction.
 *
 * <p><b>Returns and panics.</b> A frame that returns (or falls off its end) runs its deferred calls last in, first
 * out, then pops. A panic makes every frame return, so every deferred call of the goroutine runs, as in Go (there is
 * no {@code recover}); then the goroutine exits.
 *
 * <p><b>Guards.</b> A goroutine that runs {@value #BUDGET} operations within one instant of virtual time (an endless
 * loop without a step that takes time: a loop of lock and unlock, or of a {@code select} with a {@code default},
 * hands the kernel instructions but never lets time pass), or whose calls nest {@value #MAX_DEPTH} deep, panics, so
 * that the run goes on. Go preempts such a goroutine instead (after 10 ms, {@code forcePreemptNS} in
 * runtime/proc.go); a simulation where no time passes cannot.
 */
final class ScriptProgram implements Program {
    static final int BUDGET = 10_000_000;
    static final int MAX_DEPTH = 10_000;

    private final ScriptRuntime rt;
    private final ArrayDeque<Frame> stack = new ArrayDeque<>();
    private final Frame entry;
    /** What to do with the registers of the instruction just completed, in its frame. */
    private Pending pending;
    private Frame pendingFrame;
    /** Operations left before the guard panics, and the instant they are counted in. */
    private int budget = BUDGET;
    private long budgetInstant = Long.MIN_VALUE;

    @FunctionalInterface
    private interface Pending {
        void apply(Goroutine self, Frame f);
    }

    ScriptProgram(ScriptRuntime rt, Frame entry) {
        this.rt = rt;
        this.entry = entry;
        stack.push(entry);
    }

    /** A goroutine's entry frame for {@code fn}, with its parameters bound to {@code args}. */
    static Frame entry(ScriptRuntime rt, Fn fn, Object... args) {
        Frame f = new Frame(fn, new Box[0], rt);
        for (int i = 0; i < args.length; i++) {
            f.slots[i] = new Box(args[i]);
        }
        return f;
    }

    @Override
    public void reach(Reach reach) {
        for (var u : entry.fn.uses.entrySet()) {
            Prim p = ScriptRuntime.primOf(entry.get(u.getKey()));
            if (p != null) {
                for (Access a : u.getValue()) {
                    reach.add(p, a);
                }
            }
        }
    }

    @Override
    public boolean panicked(Goroutine self, String goMessage) {
        pending = null;
        for (Frame f : stack) {
            f.returning = true;
        }
        return true;
    }

    @Override
    public Instruction next(Goroutine self) {
        if (pending != null) {
            Pending p = pending;
            pending = null;
            p.apply(self, pendingFrame);
        }
        long now = rt.kernel.now();
        if (now != budgetInstant) {
            budgetInstant = now;
            budget = BUDGET;
        }
        for (; budget > 0; budget--) {
            Frame f = stack.peek();
            if (f == null) {
                return Instruction.Exit.INSTANCE;
            }
            if (f.returning || f.pc >= f.fn.code.length) {
                f.returning = true;
                Frame deferred = f.defers.poll();
                if (deferred != null) {
                    stack.push(deferred);
                } else {
                    stack.pop();
                }
                continue;
            }
            Op op = f.fn.code[f.pc++];
            // A loop's jump and a range over a slice are tested first and directly: a room's broadcast runs them once
            // per member, millions of times in a big room, and a pattern switch over every kind of operation costs
            // more per member.
            if (op instanceof Op.Jump j) {
                f.pc = j.target()[0];
                continue;
            }
            if (op instanceof Op.EachNext e) {
                each(f, e);
                continue;
            }
            Instruction i = step(self, f, op);
            if (i != null) {
                budget--;
                return i;
            }
        }
        budget = BUDGET; // the deferred calls run after the panic, on a budget of their own
        return prim(new PrimStep.Panic("lockscope: the goroutine ran " + BUDGET
                + " steps without blocking (an endless loop?)", here()));
    }

    /** Runs one operation: the kernel instruction it makes, or null to go on. */
    private Instruction step(Goroutine self, Frame f, Op op) {
        Kernel k = rt.kernel;
        switch (op) {
            case Op.Lock l -> {
                TrackedLock lock = (TrackedLock) f.get(l.lock());
                return l.acquire() ? new Instruction.Lock(lock, l.mode(), l.site())
                        : new Instruction.Unlock(lock, l.mode(), l.site());
            }
            case Op.Sleep s -> {
                return new Instruction.Sleep(s.durationNs(), s.site());
            }
            case Op.Send s -> {
                Object v = s.value() == null ? s.zero() : s.value().eval(f);
                return prim(new PrimStep.Send((Chan) f.get(s.chan()), v, s.site()));
            }
            case Op.Recv r -> {
                Chan c = source(self, f, r.from());
                await(f, (g, fr) -> bind(fr, r.targets(), r.declare(), g.received(), g.ok()));
                return prim(new PrimStep.Recv(c, r.site()));
            }
            case Op.RangeOpen o -> f.set(o.into(), source(self, f, o.from()), true);
            case Op.Range r -> {
                Chan c = source(self, f, r.from());
                await(f, (g, fr) -> {
                    if (!g.ok()) {
                        fr.pc = r.exit()[0];
                    } else if (r.target() != null) {
                        fr.set(r.target(), g.received(), true);
                    }
                });
                return prim(new PrimStep.Recv(c, r.site()));
            }
            case Op.Close c -> {
                return prim(new PrimStep.Close((Chan) f.get(c.chan()), c.site()));
            }
            case Op.WgAdd a -> {
                return prim(new PrimStep.Add((WaitGroup) f.get(a.wg()), (Long) a.delta().eval(f), a.done(), a.site()));
            }
            case Op.WgWait w -> {
                return prim(new PrimStep.Wait((WaitGroup) f.get(w.wg()), w.site()));
            }
            case Op.CondWait w -> {
                return prim(new PrimStep.CondWait((Cond) f.get(w.cond()), w.site()));
            }
            case Op.Relock r -> {
                return new Instruction.Lock(((Cond) f.get(r.cond())).lock(), Mode.WRITE, r.site());
            }
            case Op.CondNotify n -> {
                return prim(new PrimStep.Notify((Cond) f.get(n.cond()), n.all(), n.site()));
            }
            case Op.Cancel c -> {
                return prim(new PrimStep.Cancel(((ScriptRuntime.CancelFn) f.get(c.cancel())).context(), c.site()));
            }
            case Op.Stop s -> {
                if (s.target() != null) {
                    await(f, (g, fr) -> fr.set(s.target(), g.ok(), s.declare()));
                }
                return prim(new PrimStep.Stop((Prim) f.get(s.timer()), s.site()));
            }
            case Op.Reset r -> {
                if (r.target() != null) {
                    await(f, (g, fr) -> fr.set(r.target(), g.ok(), r.declare()));
                }
                return prim(new PrimStep.Reset((Chan) f.get(r.timer()), r.durationNs(), r.site()));
            }
            case Op.OnceDo o -> {
                Once once = (Once) f.get(o.once());
                await(f, (g, fr) -> {
                    if (g.ok()) {
                        push(entry(rt, o.wrapper(), once));
                    }
                });
                return prim(new PrimStep.OnceDo(once, o.site()));
            }
            case Op.OnceEnd e -> {
                return prim(new PrimStep.OnceEnd((Once) f.get(e.once()), e.site()));
            }
            case Op.Select s -> {
                List<Select.Case> cases = new ArrayList<>(s.cases().size());
                for (Op.Case c : s.cases()) {
                    cases.add(c.send()
                            ? new Select.Case((Chan) f.get(c.chan()), true, c.value() == null ? c.zero() : c.value().eval(f),
                                    c.site())
                            : new Select.Case(source(self, f, c.from()), false, null, c.site()));
                }
                await(f, (g, fr) -> {
                    int chosen = g.chosen();
                    if (chosen < 0) {
                        fr.pc = s.defaultTarget()[0];
                        return;
                    }
                    Op.Case c = s.cases().get(chosen);
                    if (!c.send()) {
                        bind(fr, c.targets(), c.declare(), g.received(), g.ok());
                    }
                    fr.pc = s.targets()[chosen];
                });
                return prim(new PrimStep.SelectStep(cases, s.hasDefault(), s.site()));
            }
            case Op.Panic p -> {
                return prim(new PrimStep.Panic(p.message(), p.site()));
            }
            case Op.Jump j -> f.pc = j.target()[0];
            case Op.JumpUnless j -> {
                if (!(Boolean) j.condition().eval(f)) {
                    f.pc = j.target()[0];
                }
            }
            case Op.Assign a -> f.set(a.target(), a.value().eval(f), a.declare());
            case Op.Call c -> {
                if (stack.size() >= MAX_DEPTH) {
                    return prim(new PrimStep.Panic("runtime: goroutine stack exceeds its limit (endless recursion?)",
                            here()));
                }
                push(entry(rt, c.fn(), evalAll(f, c.args())));
            }
            case Op.Go g -> {
                Fn fn = g.fn();
                return new Instruction.Go(fn.name + "#" + ++fn.started, fn.name,
                        new ScriptProgram(rt, entry(rt, fn, evalAll(f, g.args()))));
            }
            case Op.GoClosure g -> {
                Fn fn = g.fn();
                Frame frame = new Frame(fn, capture(f, fn), rt);
                if (g.namer() != null) {
                    return new Instruction.Go(g.namer().goroutineName(g.namerRecv().eval(frame)),
                            g.namer().goroutineKind(), new ScriptProgram(rt, frame));
                }
                return new Instruction.Go(fn.name + "#" + ++fn.started, fn.name, new ScriptProgram(rt, frame));
            }
            case Op.World w -> {
                return w.method().call(self, w.recv().eval(f), w.arg() == null ? null : w.arg().eval(f), w.site());
            }
            case Op.GoWorld g -> {
                Builtins.Method m = g.method();
                Object recv = g.recv().eval(f);
                return new Instruction.Go(m.goroutineName(recv), m.goroutineKind(),
                        m.program(recv, g.arg() == null ? null : g.arg().eval(f), g.site()));
            }
            case Op.EachNext e -> each(f, e);
            case Op.Defer d -> f.defers.push(new Frame(d.fn(), capture(f, d.fn()), rt));
            case Op.Return r -> f.returning = true;
            case Op.MakeChan m -> {
                long cap = m.cap() == null ? 0 : (Long) m.cap().eval(f);
                if (cap < 0 || cap > Integer.MAX_VALUE) {
                    return prim(new PrimStep.Panic("makechan: size out of range", here()));
                }
                made(self, f, m.target(), k.newChan(rt.instanceName(m.name()), (int) cap, m.zero()));
            }
            case Op.Var v -> made(self, f, v.target(), switch (v.type().kind()) {
                case CHAN -> null;
                case WAITGROUP -> k.newWaitGroup(rt.instanceName(v.name()));
                case ONCE -> k.newOnce(rt.instanceName(v.name()));
                case MUTEX -> rt.newLock(rt.instanceName(v.name()), LockKind.MUTEX);
                case RWMUTEX -> rt.newLock(rt.instanceName(v.name()), LockKind.RWMUTEX);
                default -> v.type().zero();
            });
            case Op.NewCond c -> made(self, f, c.target(),
                    k.newCond(rt.instanceName(c.name()), (TrackedLock) f.get(c.lock())));
            case Op.WithContext w -> {
                Context parent = w.parent() == null ? null : (Context) f.get(w.parent());
                Context ctx = k.newContext(rt.instanceName(w.name()), parent, w.timeoutNs(), self.id(), w.site());
                made(self, f, w.ctx(), ctx);
                made(self, f, w.cancel(), new ScriptRuntime.CancelFn(ctx));
            }
            case Op.NewTimer t -> made(self, f, t.target(),
                    k.newTimer(rt.instanceName(t.name()), t.kind(), t.durationNs(), self.id(), t.site()));
            case Op.AfterFunc a -> {
                Prim timer = k.afterFunc(rt.instanceName(a.name()), a.durationNs(), a.f().name,
                        new ScriptProgram(rt, entry(rt, a.f())), self.id(), a.site());
                if (a.target() != null) {
                    f.set(a.target(), timer, true);
                }
            }
        }
        return null;
    }

    /**
     * The next element of a range over a slice into the loop's variable, a new variable each pass when a closure
     * captures it (as Go 1.22 declares it), else the same one; past the end, the loop's exit.
     */
    private static void each(Frame f, Op.EachNext e) {
        Cursor c = (Cursor) f.get(e.cursor());
        if (c.next < c.list.size()) {
            f.set(e.target(), c.list.get(c.next++), e.fresh());
        } else {
            f.pc = e.exit()[0];
        }
    }

    /** The site of a run-time error: the function it happened in. */
    private dev.lockscope.model.Site here() {
        Frame f = stack.peek();
        String fn = f == null ? entry.fn.name : f.fn.name;
        return new dev.lockscope.model.Site(fn, fn + ": run time");
    }

    private static Instruction prim(PrimStep step) {
        return new Instruction.Prim(step);
    }

    private void await(Frame f, Pending p) {
        pending = p;
        pendingFrame = f;
    }

    private void push(Frame f) {
        stack.push(f);
    }

    /** The channel a receive takes from; {@code time.After} makes its timer now. */
    private Chan source(Goroutine self, Frame f, Op.Source from) {
        return switch (from) {
            case Op.Source.Var v -> (Chan) f.get(v.ref());
            case Op.Source.After a -> rt.kernel.newTimer(rt.instanceName("time.After"), dev.lockscope.model.PrimKind.TIMER,
                    a.durationNs(), self.id(), a.site());
        };
    }

    private static void bind(Frame f, Ref[] targets, boolean declare, Object value, boolean ok) {
        if (targets.length > 0 && targets[0] != null) {
            f.set(targets[0], value, declare);
        }
        if (targets.length > 1 && targets[1] != null) {
            f.set(targets[1], ok, declare);
        }
    }

    /** Binds a local to what a step made, and tells the kernel what this goroutine may do to it. */
    private static void made(Goroutine self, Frame f, Ref target, Object value) {
        f.set(target, value, true);
        Prim p = ScriptRuntime.primOf(value);
        if (p != null) {
            for (Access a : f.fn.usesOf(target)) {
                self.reach(p, a);
            }
        }
    }

    private static Object[] evalAll(Frame f, Op.Eval[] args) {
        Object[] out = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            out[i] = args[i].eval(f);
        }
        return out;
    }

    /** A closure's captured variables: the same boxes, or copies of their values for a deferred statement. */
    private static Box[] capture(Frame f, Fn fn) {
        Box[] out = new Box[fn.captures.size()];
        for (int i = 0; i < out.length; i++) {
            Box b = f.box(fn.captures.get(i));
            out[i] = fn.byValue ? new Box(b == null ? null : b.value) : b;
        }
        return out;
    }
}
