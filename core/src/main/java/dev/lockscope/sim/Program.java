package dev.lockscope.sim;

/**
 * The code a goroutine runs, as a small state machine: the kernel asks for the next instruction each time the
 * previous one has completed. Implementations keep their own program counter and never block or sleep in Java.
 */
@FunctionalInterface
public interface Program {
    Instruction next(Goroutine self);
}
