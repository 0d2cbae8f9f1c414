package dev.lockscope.scenario;

import dev.lockscope.model.Mode;
import dev.lockscope.scenario.ScriptSpec.LockStep;
import dev.lockscope.scenario.ScriptSpec.SleepStep;
import dev.lockscope.scenario.ScriptSpec.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks what Go would only find at run time, with a fatal error: in a body of lock and sleep steps only (a
 * goroutine's or a function's), every {@code unlock X} or {@code runlock X} must release a hold the body took
 * earlier. Such a body has no branches, so the check is exact. A body with blocks, calls or defers is left to run
 * time, where an unlock of a lock not held panics as Go's does ("sync: unlock of unlocked mutex"). Scenario files
 * are checked as they are read, so the error names the file and the step's line; a scenario built in code is
 * checked again when its run starts.
 */
public final class ScriptCheck {
    private ScriptCheck() {}

    /**
     * A problem: the step at fault, by body ({@code goroutines} or {@code funcs}), its index and the step's index,
     * and what is wrong.
     */
    public record Problem(String bodies, int body, int step, String message) {
        /** The step's field path, {@code goroutines[1].steps[3]}. */
        public String field() {
            return bodies + "[" + body + "].steps[" + step + "]";
        }
    }

    public static Optional<Problem> check(ScriptSpec spec) {
        for (int gi = 0; gi < spec.goroutines().size(); gi++) {
            ScriptSpec.GoroutineSpec g = spec.goroutines().get(gi);
            Optional<Problem> p = check("goroutines", gi, g.name(), g.steps());
            if (p.isPresent()) {
                return p;
            }
        }
        for (int fi = 0; fi < spec.funcs().size(); fi++) {
            ScriptSpec.FuncSpec f = spec.funcs().get(fi);
            Optional<Problem> p = check("funcs", fi, f.name(), f.steps());
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    private static Optional<Problem> check(String bodies, int body, String name, List<Step> steps) {
        if (!steps.stream().allMatch(s -> s instanceof LockStep || s instanceof SleepStep)) {
            return Optional.empty();
        }
        List<String> held = new ArrayList<>();
        for (int si = 0; si < steps.size(); si++) {
            if (!(steps.get(si) instanceof LockStep step)) {
                continue;
            }
            String key = step.lock() + (step.mode() == Mode.READ ? "/r" : "/w");
            if (step.acquire()) {
                held.add(key);
            } else if (!held.remove(key)) {
                String verb = step.mode() == Mode.READ ? "rlock " : "lock ";
                return Optional.of(new Problem(bodies, body, si, "\"" + step.text() + "\" releases " + step.lock()
                        + " but " + name + " does not hold it at that step (expected an earlier \"" + verb
                        + step.lock() + "\")"));
            }
        }
        return Optional.empty();
    }
}
