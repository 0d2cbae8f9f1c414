package dev.lockscope.sim;

import dev.lockscope.lock.TrackedLock;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import dev.lockscope.prim.PrimStep;
import java.util.Objects;

/**
 * One step of a goroutine's program: the handful of verbs the kernel interprets. Lock operations, primitive
 * operations and spawning take no virtual time (though they may block); {@link Sleep} takes its duration. A world adds verbs of its own (a room's network send) as
 * {@link Custom} instructions, so the kernel knows goroutines, time, locks and Go's other synchronisation
 * primitives, and nothing of what the world means by them.
 */
public sealed interface Instruction {

    /** {@code Lock()} or {@code RLock()}; blocks until granted. */
    record Lock(TrackedLock lock, Mode mode, Site site) implements Instruction {}

    /** {@code Unlock()} or {@code RUnlock()}. */
    record Unlock(TrackedLock lock, Mode mode, Site site) implements Instruction {}

    /** {@code time.Sleep(d)}. */
    record Sleep(long durationNs, Site site) implements Instruction {}

    /** {@code go f()}: starts a goroutine and continues at once. */
    record Go(String name, String kind, Program program) implements Instruction {
        public Go {
            Objects.requireNonNull(program, "program");
        }
    }

    /**
     * An operation on a channel, select, WaitGroup, Cond, Once, context or timer (docs/primitives.md). It may
     * block; its outcome (a received value and {@code ok}, the select case that ran) is in the goroutine's
     * registers when the program is asked for its next instruction.
     */
    record Prim(PrimStep step) implements Instruction {
        public Prim {
            Objects.requireNonNull(step, "step");
        }
    }

    /**
     * A world-specific step. The kernel calls {@link #start} when the goroutine reaches it; the step may emit
     * events and schedule tasks on the kernel, and either lets the goroutine go on at once or suspends it until
     * one of its tasks calls {@link Goroutine#resumeNow()}.
     */
    non-sealed interface Custom extends Instruction {
        /** Begins the step for {@code self}; returns {@code true} to continue at once, {@code false} to suspend. */
        boolean start(Goroutine self);
    }

    /** Returns from the goroutine's function. */
    record Exit() implements Instruction {
        public static final Exit INSTANCE = new Exit();
    }
}
