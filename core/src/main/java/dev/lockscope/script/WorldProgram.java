package dev.lockscope.script;

import dev.lockscope.model.LockSemantics;
import dev.lockscope.scenario.ScriptSpec;
import dev.lockscope.scenario.Vocabulary;
import dev.lockscope.sim.Kernel;
import dev.lockscope.sim.Program;
import java.util.List;
import java.util.Map;

/**
 * A program of the script language that a world runs (the room's strategies: docs/scenario-format.md "Strategy
 * programs"), compiled by the script compiler against the world's words and run by the script interpreter: its
 * functions, each started as a goroutine's program with one argument, and their Go listings. The compiled code
 * counts what its go blocks start, so a world compiles its programs once per run.
 */
public final class WorldProgram {
    /** What the goroutines of a world's programs share: the kernel and the world's globals ({@code r.membersMx}). */
    public static final class Runtime {
        final ScriptRuntime rt;

        public Runtime(Kernel kernel, LockSemantics semantics, Map<String, Object> globals) {
            this.rt = new ScriptRuntime(kernel, semantics);
            globals.forEach(rt::defineGlobal);
        }

        /** The policy of read-write locks the programs make from now on, and of those they made. */
        public void setSemantics(LockSemantics semantics) {
            rt.setSemantics(semantics);
        }
    }

    private final Map<String, Fn> funcs;
    private final List<ScriptCode> listings;

    private WorldProgram(Map<String, Fn> funcs, List<ScriptCode> listings) {
        this.funcs = funcs;
        this.listings = listings;
    }

    /** Compiles {@code funcs} (read against {@code words}) with the world's {@code builtins}. */
    public static WorldProgram compile(List<ScriptSpec.FuncSpec> funcs, Vocabulary words, Builtins builtins) {
        ScriptCompiler.Compiled c = new ScriptCompiler(funcs, words, builtins).compile();
        return new WorldProgram(c.funcs(), c.listings());
    }

    /** The Go listing of each function, in order. */
    public List<ScriptCode> listings() {
        return listings;
    }

    /** The program of a goroutine that runs function {@code function} with {@code arg}. */
    public Program start(Runtime runtime, String function, Object arg) {
        Fn fn = funcs.get(function);
        if (fn == null) {
            throw new IllegalArgumentException("no function " + function);
        }
        return new ScriptProgram(runtime.rt, ScriptProgram.entry(runtime.rt, fn, arg));
    }
}
