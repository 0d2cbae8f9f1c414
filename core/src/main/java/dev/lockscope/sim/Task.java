package dev.lockscope.sim;

/** Something the kernel runs at a virtual instant. */
@FunctionalInterface
public interface Task {
    void run();
}
