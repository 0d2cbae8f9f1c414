package dev.lockscope.sim;

import dev.lockscope.model.Command;

/** What a simulation runs on its kernel: the chat room or a lock script. */
public interface World {
    /** Creates locks and initial goroutines and schedules what the scenario starts with. Called once, at t=0. */
    void start();

    /** Applies a command at the kernel's current instant. Commands that do not apply to this world are ignored. */
    void apply(Command command);
}
