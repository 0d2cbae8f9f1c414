package dev.lockscope.sim;

import dev.lockscope.prim.Reach;

/**
 * The code a goroutine runs, as a small state machine: the kernel asks for the next instruction each time the
 * previous one has completed. Implementations keep their own program counter and never block or sleep in Java.
 */
@FunctionalInterface
public interface Program {
    Instruction next(Goroutine self);

    /**
     * Tells {@code reach} every primitive this goroutine may act on, and how, over its whole life: the kernel asks
     * once, when the goroutine starts, to know who could complete a wait on each primitive (docs/primitives.md). It
     * must over-approximate: a primitive left out makes waits on it look like leaks. A program that adds
     * primitives to its reach later (one it makes itself) calls {@link Goroutine#reach}. Default: none.
     */
    default void reach(Reach reach) {}

    /**
     * The goroutine panicked with Go's message (recorded already). Returns whether the program goes on to run its
     * deferred calls (its next instructions), ending with {@link Instruction.Exit}; false (the default) makes the
     * goroutine exit at once.
     */
    default boolean panicked(Goroutine self, String goMessage) {
        return false;
    }
}
