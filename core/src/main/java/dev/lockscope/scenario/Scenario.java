package dev.lockscope.scenario;

import dev.lockscope.model.Command;
import dev.lockscope.model.DetectorConfig;
import dev.lockscope.model.LockSemantics;
import java.util.Objects;
/**
 * Everything a run needs besides live commands: a room or a lock script, with its seed and detector settings.
 * Times are virtual nanoseconds (files use milliseconds). The same scenario and seed always give the same trace.
 *
 * @param lock the policy of read-write locks at the start; {@link Command.SetLock} changes it
 */
public record Scenario(String name, long seed, long durationNs, LockSemantics lock, DetectorConfig detector,
                       ScenarioBody body) {

    public static final long DEFAULT_SEED = 1;

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lock, "lock");
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(body, "body");
        if (durationNs <= 0) {
            throw new IllegalArgumentException("durationNs must be > 0: " + durationNs);
        }
    }

    /** {@code "room"} or {@code "script"}, as in the file's {@code kind}. */
    public String kind() {
        return body instanceof RoomSpec ? "room" : "script";
    }

    public Scenario withSeed(long newSeed) {
        return new Scenario(name, newSeed, durationNs, lock, detector, body);
    }

    public Scenario withDurationNs(long newDurationNs) {
        return new Scenario(name, seed, newDurationNs, lock, detector, body);
    }

    public Scenario withLock(LockSemantics newLock) {
        return new Scenario(name, seed, durationNs, newLock, detector, body);
    }

    public Scenario withBody(ScenarioBody newBody) {
        return new Scenario(name, seed, durationNs, lock, detector, newBody);
    }
}
