package dev.lockscope.script;

import dev.lockscope.model.Command;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.model.Site;
import dev.lockscope.prim.Context;
import dev.lockscope.scenario.ScriptSpec;
import dev.lockscope.scenario.ScriptSpec.GoroutineSpec;
import dev.lockscope.sim.Kernel;
import dev.lockscope.sim.World;
import java.util.Map;

/**
 * A script on a kernel: its locks, then its channels, WaitGroups, Conds, Onces and contexts exist from t=0 in
 * declaration order (ids 0, 1, ...); each goroutine starts at its start time (same-time starts in declaration order)
 * and runs its steps (docs/scenario-format.md). A step's site reads {@code g1 #3: lock B} (function, line of its Go
 * listing ({@link ScriptCode}), step text), and its operation is the function that ran it. Only
 * {@link Command.SetLock} applies to a script.
 */
public final class ScriptWorld implements World {
    private final Kernel kernel;
    private final ScriptSpec spec;
    private final ScriptRuntime rt;

    public ScriptWorld(Kernel kernel, ScriptSpec spec, LockSemantics semantics) {
        this.kernel = kernel;
        this.spec = spec;
        this.rt = new ScriptRuntime(kernel, semantics);
    }

    @Override
    public void start() {
        for (ScriptSpec.LockSpec l : spec.locks()) {
            rt.defineGlobal(l.name(), rt.newLock(l.name(), l.kind()));
        }
        for (ScriptSpec.ChanSpec c : spec.chans()) {
            rt.defineGlobal(c.name(), c.nil() ? null : kernel.newChan(c.name(), c.cap(), c.type().zero()));
        }
        spec.waitGroups().forEach(w -> rt.defineGlobal(w, kernel.newWaitGroup(w)));
        spec.conds().forEach(c -> rt.defineGlobal(c.name(), kernel.newCond(c.name(),
                (dev.lockscope.lock.TrackedLock) rt.global(c.lock()))));
        spec.onces().forEach(o -> rt.defineGlobal(o, kernel.newOnce(o)));
        for (ScriptSpec.ContextSpec c : spec.contexts()) {
            Context parent = c.parent() == null ? null : (Context) rt.global(c.parent());
            String call = c.timeoutNs() < 0 ? "context.WithCancel(" : "context.WithTimeout(";
            Site site = new Site(c.name(), c.name() + ", " + c.cancel() + " := " + call
                    + (c.parent() == null ? "context.Background()" : c.parent())
                    + (c.timeoutNs() < 0 ? ")" : ", " + ScriptCompiler.duration(c.timeoutNs()) + ")"));
            Context ctx = kernel.newContext(c.name(), parent, c.timeoutNs(), 0, site);
            rt.defineGlobal(c.name(), ctx);
            rt.defineGlobal(c.cancel(), new ScriptRuntime.CancelFn(ctx));
        }
        for (ScriptSpec.ConstSpec c : spec.consts()) {
            rt.defineGlobal(c.name(), c.value());
        }
        Map<String, Fn> bodies = new ScriptCompiler(spec).compile().goroutines();
        for (GoroutineSpec g : spec.goroutines()) {
            Fn fn = bodies.get(g.name());
            kernel.spawnAt(g.startNs(), g.name(), g.name(), new ScriptProgram(rt, ScriptProgram.entry(rt, fn)));
        }
    }

    @Override
    public void apply(Command command) {
        if (command instanceof Command.SetLock s) {
            rt.setSemantics(s.semantics());
        }
    }
}
