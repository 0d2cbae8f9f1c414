package dev.lockscope.scenario;

import dev.lockscope.model.LockKind;
import dev.lockscope.model.Mode;
import java.util.List;
import java.util.Objects;

/** A lock script: named locks and goroutines that run fixed steps, for lessons and detector tests. */
public record ScriptSpec(List<LockSpec> locks, List<GoroutineSpec> goroutines, List<TimedCommand> events)
        implements ScenarioBody {

    public ScriptSpec {
        locks = List.copyOf(locks);
        goroutines = List.copyOf(goroutines);
        events = List.copyOf(events);
    }

    /** Whether the script uses channels or sync primitives, whose events need trace format version 3. */
    public boolean usesPrimitives() {
        return false;
    }

    /** A lock of the script. */
    public record LockSpec(String name, LockKind kind) {
        public LockSpec {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** A goroutine that starts at {@code startNs} and runs {@code steps} once, in order. */
    public record GoroutineSpec(String name, long startNs, List<Step> steps) {
        public GoroutineSpec {
            Objects.requireNonNull(name, "name");
            steps = List.copyOf(steps);
            if (startNs < 0) {
                throw new IllegalArgumentException("startNs must be >= 0");
            }
        }
    }

    /** One step of a script goroutine; {@code text} is the step as written in the file. */
    public sealed interface Step {
        String text();
    }

    /** {@code lock X}, {@code rlock X}: acquire; {@code unlock X}, {@code runlock X}: release. */
    public record LockStep(String text, String lock, Mode mode, boolean acquire) implements Step {}

    /** {@code sleep MS}. */
    public record SleepStep(String text, long durationNs) implements Step {}
}
