package dev.lockscope.script;

import dev.lockscope.prim.Access;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled function: a goroutine's body, a named function, a closure ({@code go func() {...}()},
 * {@code defer func() {...}()}) or a deferred statement. Its code is a list of {@link Op}s with jumps; its frame has
 * {@link #slots} variables, the first {@link #params} of them its parameters.
 *
 * <p>{@link #uses} says what the function may do to primitives, directly or through the functions it calls, starts
 * or defers, by the {@link Ref} that names them: what the kernel needs to know who could complete a wait
 * (docs/primitives.md, "Who could complete a wait").
 */
final class Fn {
    /** The function's name: {@code worker}, a goroutine's name, {@code main.func1}, ... */
    final String name;
    final int params;
    int slots;
    /** For a closure: the variables of the enclosing function it captures, as refs there. */
    final List<Ref> captures;
    /** Whether a closure captures by value (a deferred statement: Go evaluates its arguments at the defer). */
    final boolean byValue;
    Op[] code;
    final Map<Ref, Set<Access>> uses = new LinkedHashMap<>();
    /** How many goroutines this function has started so far, to name the next {@code name#k}. */
    int started;

    Fn(String name, int params, List<Ref> captures, boolean byValue) {
        this.name = name;
        this.params = params;
        this.slots = params;
        this.captures = captures;
        this.byValue = byValue;
    }

    /** Adds a use; returns whether it was new. */
    boolean use(Ref ref, Access access) {
        return uses.computeIfAbsent(ref, r -> EnumSet.noneOf(Access.class)).add(access);
    }

    Set<Access> usesOf(Ref ref) {
        return uses.getOrDefault(ref, Set.of());
    }

    @Override
    public String toString() {
        return name;
    }
}
