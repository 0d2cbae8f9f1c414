package dev.lockscope.script;

import dev.lockscope.model.Mode;
import dev.lockscope.scenario.ScriptSpec.GoroutineSpec;
import dev.lockscope.scenario.ScriptSpec.LockStep;
import dev.lockscope.scenario.ScriptSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks what Go would only find at run time, with a fatal error: every {@code unlock X} or {@code runlock X}
 * must release a hold the goroutine took earlier in its own steps. Scripts have no branches, so the check is
 * exact.
 */
public final class ScriptCheck {
    private ScriptCheck() {}

    /** A problem as (field path, message), or empty when the script is sound. */
    public record Problem(String field, String message) {}

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
                    return Optional.of(new Problem("goroutines[" + gi + "].steps[" + si + "]",
                            "\"" + step.text() + "\" releases " + step.lock() + " but " + g.name()
                                    + " does not hold it at that step (expected an earlier \"" + verb + step.lock()
                                    + "\")"));
                }
            }
        }
        return Optional.empty();
    }
}
