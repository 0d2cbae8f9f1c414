package dev.lockscope.run;

import dev.lockscope.model.DetectorConfig;
import dev.lockscope.model.LockKind;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.model.Mode;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.scenario.ScriptSpec.GoroutineSpec;
import dev.lockscope.scenario.ScriptSpec.LockSpec;
import dev.lockscope.scenario.ScriptSpec.LockStep;
import dev.lockscope.scenario.ScriptSpec.SleepStep;
import dev.lockscope.scenario.ScriptSpec.Step;
import dev.lockscope.scenario.ScriptSpec;
import java.util.ArrayList;
import java.util.List;

/** Builds lock scripts in tests, steps written as in scenario files. Times in milliseconds. */
public final class Scripts {
    private final List<LockSpec> locks = new ArrayList<>();
    private final List<GoroutineSpec> goroutines = new ArrayList<>();
    private LockSemantics semantics = LockSemantics.GO_RWMUTEX;
    private DetectorConfig detector = DetectorConfig.DEFAULTS;
    private long durationMs = 1000;

    public static Scripts script() {
        return new Scripts();
    }

    public Scripts mutex(String name) {
        locks.add(new LockSpec(name, LockKind.MUTEX));
        return this;
    }

    public Scripts rwmutex(String name) {
        locks.add(new LockSpec(name, LockKind.RWMUTEX));
        return this;
    }

    public Scripts go(String name, long startMs, String... steps) {
        List<Step> parsed = new ArrayList<>();
        for (String s : steps) {
            parsed.add(parse(s));
        }
        goroutines.add(new GoroutineSpec(name, Scenarios.ms(startMs), parsed));
        return this;
    }

    public Scripts semantics(LockSemantics s) {
        semantics = s;
        return this;
    }

    public Scripts waitThreshold(long ms) {
        detector = new DetectorConfig(detector.holdThresholdNs(), Scenarios.ms(ms), detector.lockOrder());
        return this;
    }

    public Scripts holdThreshold(long ms) {
        detector = new DetectorConfig(Scenarios.ms(ms), detector.waitThresholdNs(), detector.lockOrder());
        return this;
    }

    public Scripts duration(long ms) {
        durationMs = ms;
        return this;
    }

    public Scenario build() {
        return new Scenario("script", 1, Scenarios.ms(durationMs), semantics, detector,
                new ScriptSpec(locks, goroutines, List.of()));
    }

    public static Step parse(String text) {
        String[] w = text.trim().split("\\s+");
        return switch (w[0]) {
            case "lock" -> new LockStep(text, w[1], Mode.WRITE, true);
            case "unlock" -> new LockStep(text, w[1], Mode.WRITE, false);
            case "rlock" -> new LockStep(text, w[1], Mode.READ, true);
            case "runlock" -> new LockStep(text, w[1], Mode.READ, false);
            case "sleep" -> new SleepStep(text, Scenarios.ms(Double.parseDouble(w[1])));
            default -> throw new IllegalArgumentException(text);
        };
    }
}
