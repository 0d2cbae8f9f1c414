package dev.lockscope.script;

import dev.lockscope.lock.TrackedLock;
import dev.lockscope.model.LockKind;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.prim.Context;
import dev.lockscope.prim.Prim;
import dev.lockscope.sim.Kernel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the goroutines of one script run share: the kernel, the script's globals (locks, primitives, cancel
 * functions, constants) by name, every lock (for a change of policy), and the counters that name what steps make
 * ({@code main.ch}, {@code main.ch#2}, ...).
 */
final class ScriptRuntime {
    /** A context's cancel function. */
    record CancelFn(Context context) {}

    final Kernel kernel;
    private final LockSemantics[] semantics;
    private final Map<String, Object> globals = new HashMap<>();
    final List<TrackedLock> locks = new ArrayList<>();
    private final Map<String, Integer> instances = new HashMap<>();

    ScriptRuntime(Kernel kernel, LockSemantics semantics) {
        this.kernel = kernel;
        this.semantics = new LockSemantics[] {semantics};
    }

    Object global(String name) {
        return globals.get(name);
    }

    void defineGlobal(String name, Object value) {
        globals.put(name, value);
    }

    /** A new lock, under the policy read-write locks have now. */
    TrackedLock newLock(String name, LockKind kind) {
        TrackedLock l = kernel.newLock(name, kind, semantics[0]);
        locks.add(l);
        return l;
    }

    void setSemantics(LockSemantics s) {
        semantics[0] = s;
        for (TrackedLock l : locks) {
            l.setSemantics(s);
        }
    }

    /** {@code base} the first time, then {@code base#2}, {@code base#3}, ...: the names of what a step makes. */
    String instanceName(String base) {
        int k = instances.merge(base, 1, Integer::sum);
        return k == 1 ? base : base + "#" + k;
    }

    /** The primitive a value stands for, for what a goroutine may do to it: a cancel function's context. */
    static Prim primOf(Object value) {
        return switch (value) {
            case Prim p -> p;
            case CancelFn c -> c.context();
            case null, default -> null;
        };
    }
}
