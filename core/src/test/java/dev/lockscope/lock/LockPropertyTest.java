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
import dev.lockscope.testing.Gen;
import dev.lockscope.testing.Property;
import dev.lockscope.testing.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Properties of the kernel and the locks over random lock scripts, random policies and random live policy
 * switches: mutual exclusion, no lost wake-up, determinism, time that never runs backwards.
 */
class LockPropertyTest {
    private static final long DURATION_MS = 20_000;

    /**
     * A random script with balanced steps (every release matches an earlier acquire of the same goroutine): one to
     * three locks, one to six goroutines of up to nine steps, up to two live policy switches.
     */
    static final Gen<Scenario> SCRIPTS = s -> {
        List<LockKind> kinds = s.listOf(1, 3, t -> t.intBetween(0, 2) == 0 ? LockKind.MUTEX : LockKind.RWMUTEX);
        List<LockSpec> locks = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            locks.add(new LockSpec("L" + i, kinds.get(i)));
        }
        List<GoroutineSpec> unnamed = s.listOf(1, 6, t -> goroutine(t, locks));
        List<GoroutineSpec> goroutines = new ArrayList<>();
        for (int g = 0; g < unnamed.size(); g++) {
            goroutines.add(new GoroutineSpec("g" + (g + 1), unnamed.get(g).startNs(), unnamed.get(g).steps()));
        }
        List<LockSemantics> semantics = List.of(LockSemantics.values());
        List<TimedCommand> switches = s.listOf(0, 2, t -> new TimedCommand(Scenarios.ms(t.intBetween(0, 99)),
                new Command.SetLock(t.oneOf(semantics))));
        LockSemantics initial = s.oneOf(semantics);
        long seed = s.longBetween(0, Long.MAX_VALUE - 1);
        return new Scenario("random", seed, Scenarios.ms(DURATION_MS), initial,
                new DetectorConfig(Scenarios.ms(15), Scenarios.ms(15), true),
                new ScriptSpec(locks, goroutines, switches));
    };

    private static GoroutineSpec goroutine(Source s, List<LockSpec> locks) {
        long start = Scenarios.ms(s.intBetween(0, 5) * 5L);
        List<LockStep> held = new ArrayList<>();
        List<Step> steps = new ArrayList<>(s.listOf(0, 9, t -> step(t, locks, held)));
        while (!held.isEmpty()) {
            steps.add(release(held.removeLast()));
        }
        return new GoroutineSpec("g", start, steps);
    }

    /** A sleep, an acquire, or the release of a lock held ({@code held} is the goroutine's, updated here). */
    private static Step step(Source s, List<LockSpec> locks, List<LockStep> held) {
        int choice = s.intBetween(0, 2);
        if (choice == 0) {
            long ms = s.intBetween(0, 3) * 10L;
            return new SleepStep("sleep " + ms, Scenarios.ms(ms));
        }
        if (choice == 1 || held.isEmpty()) {
            LockSpec l = s.oneOf(locks);
            Mode mode = l.kind() == LockKind.RWMUTEX && s.bool() ? Mode.READ : Mode.WRITE;
            LockStep step = new LockStep((mode == Mode.READ ? "rlock " : "lock ") + l.name(), l.name(), mode, true);
            held.add(step);
            return step;
        }
        return release(held.remove(s.intBetween(0, held.size() - 1)));
    }

    /** The script as it reads: the policy and its switches, the locks, each goroutine's start and steps. */
    static String describe(Scenario scenario) {
        ScriptSpec script = (ScriptSpec) scenario.body();
        StringBuilder out = new StringBuilder("policy " + scenario.lock().id());
        for (TimedCommand c : script.events()) {
            out.append(", at ").append(c.atNs() / 1_000_000).append(" ms ")
                    .append(((Command.SetLock) c.command()).semantics().id());
        }
        out.append("; locks");
        script.locks().forEach(l -> out.append(' ').append(l.name()).append(' ').append(l.kind().id()));
        for (GoroutineSpec g : script.goroutines()) {
            out.append("\n").append(g.name()).append(" at ").append(g.startNs() / 1_000_000).append(" ms: ")
                    .append(String.join(", ", g.steps().stream().map(LockPropertyTest::text).toList()));
        }
        return out.toString();
    }

    private static String text(Step step) {
        return switch (step) {
            case LockStep l -> l.text();
            case SleepStep sl -> sl.text() + " ms";
            default -> step.text(); // the generator makes lock and sleep steps only
        };
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

    /** A property over random scripts, printed as scripts when one fails. */
    private static Property<Scenario> forAllScripts(int tries) {
        return Property.forAll(SCRIPTS).tries(tries).describedBy(LockPropertyTest::describe);
    }

    @Test
    void aWriterNeverOverlapsAnotherHolder() {
        forAllScripts(300).check(LockPropertyTest::aWriterNeverOverlapsAnotherHolder);
    }

    private static void aWriterNeverOverlapsAnotherHolder(Scenario script) throws Exception {
        Map<Integer, Map<Integer, Integer>> readers = new HashMap<>();
        Map<Integer, Integer> writer = new HashMap<>();
        for (TraceEvent e : run(script).events) {
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
    @Test
    void noLostWakeUp() {
        forAllScripts(300).check(LockPropertyTest::noLostWakeUp);
    }

    private static void noLostWakeUp(Scenario script) throws Exception {
        Recorder r = run(script);
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

    @Test
    void sameScenarioSameEvents() {
        forAllScripts(100).check(s -> assertThat(run(s).events).isEqualTo(run(s).events));
    }

    @Test
    void timeNeverRunsBackwards() {
        forAllScripts(200).check(script -> {
            long last = 0;
            for (TraceEvent e : run(script).events) {
                assertThat(e.time()).isGreaterThanOrEqualTo(last);
                last = e.time();
            }
            assertThat(last).isEqualTo(Scenarios.ms(DURATION_MS));
        });
    }

    /** The simplest script (one mutex, one goroutine with no steps) and the largest. */
    @Test
    void everyPropertyHoldsAtTheEdges() throws Exception {
        for (Source edge : List.of(Source.simplest(), Source.maximal())) {
            Scenario script = SCRIPTS.from(edge);
            aWriterNeverOverlapsAnotherHolder(script);
            noLostWakeUp(script);
            assertThat(run(script).events).isEqualTo(run(script).events);
        }
    }

    @Test
    void roomRunsAreDeterministicWithJitter() {
        Property.forAll(s -> s.intBetween(1, 1000)).tries(30)
                .check(LockPropertyTest::roomRunsAreDeterministicWithJitter);
    }

    private static void roomRunsAreDeterministicWithJitter(int seed) throws Exception {
        Scenario s = Scenarios.room().member("a", 20, 5).member("b", 300, 100).member("c", 40, 10).period(100)
                .duration(3000).reloadAfter(400).seed(seed).join(700, "d", 900)
                .at(1500, new Command.SetLock(LockSemantics.FAIR)).build();
        assertThat(run(s).events).isEqualTo(run(s).events);
    }
}
