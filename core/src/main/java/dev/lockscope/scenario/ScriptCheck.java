package dev.lockscope.scenario;

import dev.lockscope.model.Mode;
import dev.lockscope.scenario.ScriptSpec.GoroutineSpec;
import dev.lockscope.scenario.ScriptSpec.LockStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks what Go would only find at run time, with a fatal error: every {@code unlock X} or {@code runlock X}
 * must release a hold the goroutine took earlier in its own steps. Scripts have no branches, so the check is
 * exact. Scenario files are checked as they are read, so the error names the file and the step's line; a
 * scenario built in code is checked again when its run starts.
 */
public final class ScriptCheck {
    private ScriptCheck() {}

    /** A problem: the step at fault, by goroutine and step index, and what is wrong. */
    public record Problem(int goroutine, int step, String message) {
        /** The step's field path, {@code goroutines[1].steps[3]}. */
        public String field() {
            return "goroutines[" + goroutine + "].steps[" + step + "]";
        }
    }

    public static Optional<Problem> check(ScriptSpec spec) {
        for (int gi = 0; gi < spec.goroutines().size(); gi++) {
            GoroutineSpec g = spec.goroutines().get(gi);
            List<String> held = new ArrayList<>();
            for (int si = 0; si < g.steps().size(); si++) {
                if (!(g.steps().get(si) instanceof LockStep step)) {
                    continue;
                }
                String key = step.lock() + (step.mode() == Mode.READ ? "/r" : "/w");
                if (step.acquire()) {
                    held.add(key);
                } else if (!held.remove(key)) {
                    String verb = step.mode() == Mode.READ ? "rlock " : "lock ";
                    return Optional.of(new Problem(gi, si, "\"" + step.text() + "\" releases " + step.lock() + " but " + g.name()
                                    + " does not hold it at that step (expected an earlier \"" + verb + step.lock()
                                    + "\")"));
                }
            }
        }
        return Optional.empty();
    }
}
