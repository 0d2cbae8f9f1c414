package dev.lockscope.script;

import dev.lockscope.model.Site;
import dev.lockscope.scenario.ScriptSpec;
import dev.lockscope.sim.Goroutine;
import dev.lockscope.sim.Instruction;
import dev.lockscope.sim.Program;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What a world that runs programs of the script language gives the compiler and the interpreter for its own words
 * ({@link dev.lockscope.scenario.Vocabulary}): the Go names and sites of the program's functions, and what the
 * fields and methods of its types do. The compiler binds each to the operation that uses it, so running a
 * world's step looks nothing up by name; what a step does to the world is the world's, handed to the kernel as its
 * own instructions ({@link Instruction.Custom}), so the kernel and the interpreter learn no world's words. The room's
 * strategies are such programs.
 */
public interface Builtins {
    /** A method of a world's type: {@code m.Send(msg)}. Its one argument may be null for a method without. */
    interface Method {
        /** {@code recv.M(arg)} run by {@code self}: the kernel instruction it is, or null to go on at once. */
        Instruction call(Goroutine self, Object recv, Object arg, Site site);

        /** The name of the goroutine {@code go recv.M(arg)} starts, or a go block that calls the method. */
        String goroutineName(Object recv);

        /** The kind of that goroutine. */
        String goroutineKind();

        /** The program of {@code go recv.M(arg)}. */
        Program program(Object recv, Object arg, Site site);
    }

    /** The Go name of the program's function {@code function}: {@code Room.Broadcast}. */
    String functionName(String function);

    /** The first line of its Go listing: {@code func (r *Room) Broadcast(msg Message) {}. */
    String signature(String function, List<ScriptSpec.ParamSpec> params);

    /** The site of a statement with text {@code text} in the function of Go name {@code function}. */
    Site site(String function, String text);

    /** The value of field {@code field} of a value of world type {@code type}. */
    UnaryOperator<Object> field(String type, String field);

    /** Method {@code name} of world type {@code type}. */
    Method method(String type, String name);
}
