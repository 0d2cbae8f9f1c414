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
 * fields, methods and channels of its types do. The compiler binds each to the operation that uses it, so running a
 * world's step looks nothing up by name; what a step does to the world is the world's, handed to the kernel as its
 * own instructions ({@link Instruction.Custom}), so the kernel and the interpreter learn no world's words. The room's
 * strategies are such programs.
 */
public interface Builtins {
    /** What {@link Chan#next} gives when nothing is queued: the goroutine parks until the world unparks it. */
    Object EMPTY = new Object() {
        @Override
        public String toString() {
            return "EMPTY";
        }
    };

    /** What {@link Chan#next} gives once the channel is closed: the loop ends. */
    Object CLOSED = new Object() {
        @Override
        public String toString() {
            return "CLOSED";
        }
    };

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

    /** A channel field whose sends and receives the world implements itself ({@code m.outbox}). */
    interface Chan {
        /** {@code base.FIELD <- value} run by {@code self}: the kernel instruction it is, or null to go on at once. */
        Instruction send(Goroutine self, Object base, Object value, Site site);

        /** The channel a {@code range} over {@code base.FIELD} reads, taken once when the loop starts (may be null). */
        Object open(Object base);

        /** The next value of a {@code range} over {@code ch}, or {@link #EMPTY}, or {@link #CLOSED}. */
        Object next(Object ch);
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

    /** The channel field {@code field} of {@code type} if the world implements it, or null for a kernel channel. */
    Chan chan(String type, String field);
}
