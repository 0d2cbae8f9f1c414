package dev.lockscope.lock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.event.AlertKind;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.Command;
import dev.lockscope.model.DetectorConfig;
import dev.lockscope.model.LockKind;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.model.Mode;
import dev.lockscope.run.Recorder;
import dev.lockscope.run.Scenarios;
import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.scenario.ScriptSpec.GoroutineSpec;
import dev.lockscope.scenario.ScriptSpec.LockSpec;
import dev.lockscope.scenario.ScriptSpec.LockStep;
import dev.lockscope.scenario.ScriptSpec.SleepStep;
import dev.lockscope.scenario.ScriptSpec.Step;
import dev.lockscope.scenario.ScriptSpec;
import dev.lockscope.scenario.TimedCommand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
/**
 * Properties of the kernel and the locks over random lock scripts, random policies and random live policy
 * switches: mutual exclusion, no lost wake-up, determinism, time that never runs backwards.
 */
class LockPropertyTest {
    private static final long DURATION_MS = 20_000;

    /** A random script with balanced steps (every release matches an earlier acquire of the same goroutine). */
    static Scenario randomScript(long seed) {
        Random rnd = new Random(seed);
        int lockCount = 1 + rnd.nextInt(3);
        List<LockSpec> locks = new ArrayList<>();
        for (int i = 0; i < lockCount; i++) {
            locks.add(new LockSpec("L" + i, rnd.nextInt(3) == 0 ? LockKind.MUTEX : LockKind.RWMUTEX));
        }
        List<GoroutineSpec> goroutines = new ArrayList<>();
        int gCount = 1 + rnd.nextInt(6);
        for (int g = 0; g < gCount; g++) {
            List<Step> steps = new ArrayList<>();
            List<LockStep> held = new ArrayList<>();
            int n = rnd.nextInt(10);
            for (int s = 0; s < n; s++) {
                int choice = rnd.nextInt(3);
                if (choice == 0) {
                    long ms = rnd.nextInt(4) * 10L;
                    steps.add(new SleepStep("sleep " + ms, Scenarios.ms(ms)));
                } else if (choice == 1 || held.isEmpty()) {
                    LockSpec l = locks.get(rnd.nextInt(lockCount));
                    Mode mode = l.kind() == LockKind.RWMUTEX && rnd.nextBoolean() ? Mode.READ : Mode.WRITE;
                    LockStep step = new LockStep((mode == Mode.READ ? "rlock " : "lock ") + l.name(), l.name(), mode, true);
                    steps.add(step);
                    held.add(step);
                } else {
                    LockStep h = held.remove(rnd.nextInt(held.size()));
                    steps.add(release(h));
                }
            }
            while (!held.isEmpty()) {
                steps.add(release(held.removeLast()));
            }
            goroutines.add(new GoroutineSpec("g" + (g + 1), Scenarios.ms(rnd.nextInt(6) * 5L), steps));
        }
        List<TimedCommand> switches = new ArrayList<>();
        for (int i = rnd.nextInt(3); i > 0; i--) {
            LockSemantics s = LockSemantics.values()[rnd.nextInt(3)];
            switches.add(new TimedCommand(Scenarios.ms(rnd.nextInt(100)), new Command.SetLock(s)));
        }
        LockSemantics initial = LockSemantics.values()[rnd.nextInt(3)];
        return new Scenario("random", seed, Scenarios.ms(DURATION_MS), initial,
                new DetectorConfig(Scenarios.ms(15), Scenarios.ms(15), true), new ScriptSpec(locks, goroutines, switches));
    }

    private static LockStep release(LockStep acquire) {
        String verb = acquire.mode() == Mode.READ ? "runlock " : "unlock ";
        return new LockStep(verb + acquire.lock(), acquire.lock(), acquire.mode(), false);
    }

    private static Recorder run(Scenario s) throws Exception {
        Recorder r = new Recorder();
        Simulation.run(s, r);
        return r;
    }

    @Property(tries = 300)
    void aWriterNeverOverlapsAnotherHolder(@ForAll long seed) throws Exception {
        Map<Integer, Map<Integer, Integer>> readers = new HashMap<>();
        Map<Integer, Integer> writer = new HashMap<>();
        for (TraceEvent e : run(randomScript(seed)).events) {
            switch (e) {
                case TraceEvent.Acquire a when a.mode() == Mode.WRITE -> {
                    assertThat(writer.get(a.lock())).as("writer at %s", a).isNull();
                    assertThat(readers.getOrDefault(a.lock(), Map.of())).as("readers at %s", a).isEmpty();
                    writer.put(a.lock(), a.g());
                }
                case TraceEvent.Acquire a -> {
                    assertThat(writer.get(a.lock())).as("writer at %s", a).isNull();
                    readers.computeIfAbsent(a.lock(), k -> new HashMap<>()).merge(a.g(), 1, Integer::sum);
                }
                case TraceEvent.Release r when r.mode() == Mode.WRITE -> {
                    assertThat(writer.remove(r.lock())).isEqualTo(r.g());
                }
                case TraceEvent.Release r -> {
                    Map<Integer, Integer> rs = readers.get(r.lock());
                    assertThat(rs).containsKey(r.g());
                    if (rs.merge(r.g(), -1, Integer::sum) == 0) {
                        rs.remove(r.g());
                    }
                }
                default -> { }
            }
        }
    }

    /**
     * Every request is acquired, or is still waiting at the end only because it is stuck in, or behind, a reported
     * deadlock. The scripts are short enough that everything else finishes long before the end.
     */
    @Property(tries = 300)
    void noLostWakeUp(@ForAll long seed) throws Exception {
        Recorder r = run(randomScript(seed));
        Map<Integer, TraceEvent.Request> pending = new HashMap<>();
        Map<Integer, List<Integer>> blockers = new HashMap<>();
        Set<Integer> exited = new HashSet<>();
        Set<Integer> spawned = new HashSet<>();
        for (TraceEvent e : r.events) {
            switch (e) {
                case TraceEvent.Spawn s -> spawned.add(s.g());
                case TraceEvent.Exit x -> exited.add(x.g());
                case TraceEvent.Request q -> pending.put(q.g(), q);
                case TraceEvent.Acquire a -> {
                    assertThat(pending.remove(a.g())).as("acquire without request %s", a).isNotNull();
                    blockers.remove(a.g());
                }
                case TraceEvent.Blocked b -> blockers.put(b.g(), b.blockers());
                default -> { }
            }
        }
        Set<Integer> inDeadlock = new HashSet<>();
        r.of(TraceEvent.Alert.class).filter(a -> a.kind() == AlertKind.DEADLOCK)
                .forEach(a -> inDeadlock.addAll(a.goroutines()));
        for (int g : spawned) {
            assertThat(exited.contains(g) || pending.containsKey(g)).as("g%d neither exited nor waits", g).isTrue();
        }
        for (int g : pending.keySet()) {
            assertThat(reachesDeadlock(g, blockers, inDeadlock, new HashSet<>()))
                    .as("g%d waits at the end but is not stuck behind a reported deadlock; blockers %s, deadlocked %s",
                            g, blockers, inDeadlock)
                    .isTrue();
        }
    }

    private static boolean reachesDeadlock(int g, Map<Integer, List<Integer>> blockers, Set<Integer> dead,
                                           Set<Integer> seen) {
        if (dead.contains(g)) {
            return true;
        }
        if (!seen.add(g)) {
            return false;
        }
        for (int b : blockers.getOrDefault(g, List.of())) {
            if (reachesDeadlock(b, blockers, dead, seen)) {
                return true;
            }
        }
        return false;
    }

    @Property(tries = 100)
    void sameScenarioSameEvents(@ForAll long seed) throws Exception {
        Scenario s = randomScript(seed);
        assertThat(run(s).events).isEqualTo(run(s).events);
    }

    @Property(tries = 200)
    void timeNeverRunsBackwards(@ForAll long seed) throws Exception {
        long last = 0;
        for (TraceEvent e : run(randomScript(seed)).events) {
            assertThat(e.time()).isGreaterThanOrEqualTo(last);
            last = e.time();
        }
        assertThat(last).isEqualTo(Scenarios.ms(DURATION_MS));
    }

    @Property(tries = 30)
    void roomRunsAreDeterministicWithJitter(@ForAll @IntRange(min = 1, max = 1000) int seed) throws Exception {
        Scenario s = Scenarios.room().member("a", 20, 5).member("b", 300, 100).member("c", 40, 10).period(100)
                .duration(3000).reloadAfter(400).seed(seed).join(700, "d", 900)
                .at(1500, new Command.SetLock(LockSemantics.FAIR)).build();
        assertThat(run(s).events).isEqualTo(run(s).events);
    }
}
