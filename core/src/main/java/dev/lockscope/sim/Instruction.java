package dev.lockscope.sim;

import dev.lockscope.event.Mode;
import dev.lockscope.event.Site;
import dev.lockscope.lock.TrackedLock;
import java.util.Objects;

/**
 * One step of a goroutine's program: the handful of verbs the kernel interprets. Lock operations and spawning
 * take no virtual time; {@link Sleep} and {@link Send} take their duration; {@link Park} waits for an
 * {@link Goroutine#unpark()}.
 */
public sealed interface Instruction {

    /** {@code Lock()} or {@code RLock()}; blocks until granted. */
    record Lock(TrackedLock lock, Mode mode, Site site) implements Instruction {}

    /** {@code Unlock()} or {@code RUnlock()}. */
    record Unlock(TrackedLock lock, Mode mode, Site site) implements Instruction {}

    /** {@code time.Sleep(d)}. */
    record Sleep(long durationNs, Site site) implements Instruction {}

    /**
     * Sends message {@code msg} to {@code member}, taking {@code durationNs}; the message was created at
     * {@code createdNs}, which is what its delivery latency counts from.
     */
    record Send(String member, long msg, long createdNs, long durationNs, Site site) implements Instruction {}

    /** {@code go f()}: starts a goroutine and continues at once. */
    record Go(String name, String kind, Program program) implements Instruction {
        public Go {
            Objects.requireNonNull(program, "program");
        }
    }

    /** Waits, holding up no time, until another party unparks this goroutine. */
    record Park(Site site) implements Instruction {}

    /** Returns from the goroutine's function. */
    record Exit() implements Instruction {
        public static final Exit INSTANCE = new Exit();
    }
}
