package dev.lockscope.script;

import dev.lockscope.lock.TrackedLock;
import dev.lockscope.model.Command;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.model.Site;
import dev.lockscope.scenario.ScriptSpec.GoroutineSpec;
import dev.lockscope.scenario.ScriptSpec.LockSpec;
import dev.lockscope.scenario.ScriptSpec.LockStep;
import dev.lockscope.scenario.ScriptSpec.SleepStep;
import dev.lockscope.scenario.ScriptSpec.Step;
import dev.lockscope.scenario.ScriptSpec;
import dev.lockscope.sim.Goroutine;
import dev.lockscope.sim.Instruction;
import dev.lockscope.sim.Kernel;
import dev.lockscope.sim.Priority;
import dev.lockscope.sim.Program;
import dev.lockscope.sim.World;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lock script on a kernel: its locks exist from t=0 in declaration order (ids 0, 1, ...); each goroutine starts
 * at its start time (same-time starts in declaration order) and runs its steps once. A step's site reads
 * {@code g1 #3: lock B} (goroutine, 1-based step number, step text), and its operation is the goroutine's name.
 * Only {@link Command.SetLock} applies to a script.
 */
public final class ScriptWorld implements World {
    private final Kernel kernel;
    private final ScriptSpec spec;
    private final LockSemantics semantics;
    private final Map<String, TrackedLock> locks = new LinkedHashMap<>();

    public ScriptWorld(Kernel kernel, ScriptSpec spec, LockSemantics semantics) {
        this.kernel = kernel;
        this.spec = spec;
        this.semantics = semantics;
    }

    @Override
    public void start() {
        for (LockSpec l : spec.locks()) {
            locks.put(l.name(), kernel.newLock(l.name(), l.kind(), semantics));
        }
        for (GoroutineSpec g : spec.goroutines()) {
            Program program = compile(g);
            kernel.schedule(g.startNs(), Priority.NORMAL, () -> kernel.spawn(g.name(), g.name(), 0, program));
        }
    }

    @Override
    public void apply(Command command) {
        if (command instanceof Command.SetLock s) {
            for (TrackedLock l : locks.values()) {
                l.setSemantics(s.semantics());
            }
        }
    }

    private Program compile(GoroutineSpec g) {
        List<Instruction> code = new ArrayList<>(g.steps().size() + 1);
        for (int i = 0; i < g.steps().size(); i++) {
            Step step = g.steps().get(i);
            Site site = new Site(g.name(), g.name() + " #" + (i + 1) + ": " + step.text());
            code.add(switch (step) {
                case LockStep l when l.acquire() -> new Instruction.Lock(locks.get(l.lock()), l.mode(), site);
                case LockStep l -> new Instruction.Unlock(locks.get(l.lock()), l.mode(), site);
                case SleepStep s -> new Instruction.Sleep(s.durationNs(), site);
            });
        }
        code.add(Instruction.Exit.INSTANCE);
        return new Straight(code);
    }

    /** A program without branches: its instructions in order. */
    private static final class Straight implements Program {
        private final List<Instruction> code;
        private int pc;

        Straight(List<Instruction> code) {
            this.code = code;
        }

        @Override
        public Instruction next(Goroutine self) {
            return code.get(Math.min(pc++, code.size() - 1));
        }
    }
}
