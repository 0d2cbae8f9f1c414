package dev.lockscope.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.Command;
import dev.lockscope.model.LockKind;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Strategy;
import dev.lockscope.run.Scenarios;
import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.BuiltinScenarios;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.scenario.ScriptSpec;
import dev.lockscope.scenario.ScriptSpec.GoroutineSpec;
import dev.lockscope.scenario.ScriptSpec.LockSpec;
import dev.lockscope.scenario.ScriptSpec.LockStep;
import dev.lockscope.scenario.ScriptSpec.SleepStep;
import dev.lockscope.scenario.ScriptSpec.Step;
import dev.lockscope.scenario.TimedCommand;
import dev.lockscope.testing.Gen;
import dev.lockscope.testing.Property;
import dev.lockscope.testing.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Every trace the simulation writes obeys the consistency rules the reader enforces ({@link EventChecks},
 * docs/trace-format.md "Consistency"), so that no run of Lockscope gives a trace its own reader refuses: the
 * built-in scenarios, random rooms (every strategy and policy, joins, leaves, reloads, changes while running) and
 * random lock scripts whose goroutines may end holding locks.
 */
class SimulatedTracesAreConsistentTest {
    @Test
    void theBuiltInScenariosWriteConsistentTraces() throws Exception {
        for (String name : BuiltinScenarios.names()) {
            Scenario s = BuiltinScenarios.byName(name).orElseThrow();
            assertConsistent(s.withDurationNs(Math.min(s.durationNs(), 20_000_000_000L)));
        }
    }

    @Test
    void randomRoomsWriteConsistentTraces() {
        Property.forAll(ROOMS).tries(150).check(SimulatedTracesAreConsistentTest::assertConsistent);
    }

    @Test
    void randomScriptsWriteConsistentTraces() {
        Property.forAll(SCRIPTS).tries(300).check(SimulatedTracesAreConsistentTest::assertConsistent);
    }

    private static void assertConsistent(Scenario scenario) throws Exception {
        EventChecks checks = new EventChecks(TraceLimits.DEFAULTS);
        List<String> problems = new ArrayList<>();
        long[] count = {0};
        Simulation.run(scenario, new EventSink() {
            @Override
            public void accept(TraceEvent event) {
                count[0]++;
                EventChecks.Problem p = checks.check(event);
                if (p != null && problems.isEmpty()) {
                    problems.add("event " + count[0] + " " + event + ": " + p.field() + ": " + p.message());
                }
            }
        });
        assertThat(problems).as("%s", scenario).isEmpty();
        assertThat(checks.ended()).isTrue();
    }

    private static final Gen<Scenario> ROOMS = s -> {
        Scenarios room = Scenarios.room().strategy(s.oneOf(List.of(Strategy.values())))
                .lock(s.oneOf(List.of(LockSemantics.values()))).period(s.intBetween(5, 120))
                .duration(s.intBetween(200, 3000)).seed(s.longBetween(0, 1000)).queueLimit(s.intBetween(1, 4))
                .reloadAfter(s.bool() ? 0 : s.intBetween(20, 300)).detector(s.intBetween(0, 50), s.intBetween(0, 50),
                        s.bool());
        int members = s.intBetween(0, 5);
        for (int i = 0; i < members; i++) {
            room.member("m" + i, s.intBetween(0, 80), s.intBetween(0, 20));
        }
        int events = s.intBetween(0, 6);
        for (int i = 0; i < events; i++) {
            String who = "m" + s.intBetween(0, 6);
            long at = s.intBetween(0, 2000);
            room.at(at, switch (s.intBetween(0, 6)) {
                case 0 -> new Command.Join(who, Scenarios.ms(s.intBetween(0, 80)), 0);
                case 1 -> new Command.Leave(who);
                case 2 -> new Command.Reload(who);
                case 3 -> new Command.SetMember(who, OptionalLong.of(Scenarios.ms(s.intBetween(0, 200))),
                        OptionalLong.empty());
                case 4 -> new Command.SetStrategy(s.oneOf(List.of(Strategy.values())));
                case 5 -> new Command.SetLock(s.oneOf(List.of(LockSemantics.values())));
                default -> new Command.SetBroadcastPeriod(Scenarios.ms(s.intBetween(5, 200)));
            });
        }
        return room.build();
    };

    /** One to three locks, one to six goroutines of up to ten steps; a goroutine may end holding what it took. */
    private static final Gen<Scenario> SCRIPTS = s -> {
        List<LockSpec> locks = new ArrayList<>();
        int n = s.intBetween(1, 3);
        for (int i = 0; i < n; i++) {
            locks.add(new LockSpec("L" + i, s.bool() ? LockKind.MUTEX : LockKind.RWMUTEX));
        }
        List<GoroutineSpec> goroutines = new ArrayList<>();
        int count = s.intBetween(1, 6);
        for (int g = 0; g < count; g++) {
            goroutines.add(new GoroutineSpec("g" + (g + 1), Scenarios.ms(s.intBetween(0, 5) * 5L), steps(s, locks)));
        }
        List<TimedCommand> switches = s.listOf(0, 2, t -> new TimedCommand(Scenarios.ms(t.intBetween(0, 99)),
                new Command.SetLock(t.oneOf(List.of(LockSemantics.values())))));
        return new Scenario("random", s.longBetween(0, 1000), Scenarios.ms(2000),
                s.oneOf(List.of(LockSemantics.values())), new dev.lockscope.model.DetectorConfig(Scenarios.ms(15),
                Scenarios.ms(15), true), new ScriptSpec(locks, goroutines, switches));
    };

    private static List<Step> steps(Source s, List<LockSpec> locks) {
        List<LockStep> held = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        int n = s.intBetween(0, 10);
        for (int i = 0; i < n; i++) {
            int choice = s.intBetween(0, 2);
            if (choice == 0) {
                long ms = s.intBetween(0, 3) * 10L;
                steps.add(new SleepStep("sleep " + ms, Scenarios.ms(ms)));
            } else if (choice == 1 || held.isEmpty()) {
                LockSpec l = s.oneOf(locks);
                Mode mode = l.kind() == LockKind.RWMUTEX && s.bool() ? Mode.READ : Mode.WRITE;
                LockStep step = new LockStep((mode == Mode.READ ? "rlock " : "lock ") + l.name(), l.name(), mode, true);
                held.add(step);
                steps.add(step);
            } else {
                LockStep a = held.remove(s.intBetween(0, held.size() - 1));
                steps.add(new LockStep((a.mode() == Mode.READ ? "runlock " : "unlock ") + a.lock(), a.lock(), a.mode(),
                        false));
            }
        }
        return steps;
    }
}
