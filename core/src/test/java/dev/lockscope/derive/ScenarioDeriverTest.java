package dev.lockscope.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.interval.IntervalKind;
import dev.lockscope.interval.IntervalTracker;
import dev.lockscope.io.InputException;
import dev.lockscope.model.LockKind;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.scenario.ScenarioJson;
import dev.lockscope.scenario.ScriptSpec;
import dev.lockscope.trace.TraceReader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A derived scenario, run, re-creates each goroutine's waits. */
class ScenarioDeriverTest {

    /**
     * Total wait per goroutine name up to {@code until} (a wait still open counts until then), by the one interval
     * rule; {@code given} may name goroutines in advance.
     */
    static Map<String, Long> waitsByGoroutine(List<TraceEvent> events, Map<Integer, String> given, long until) {
        Map<Integer, String> names = new HashMap<>(given);
        Map<String, Long> waits = new TreeMap<>();
        IntervalTracker tracker = new IntervalTracker(new IntervalTracker.Listener() {
            @Override
            public void opened(IntervalKind kind, int g, int key, long start, long plannedEnd, int tag) {}

            @Override
            public void closed(IntervalKind kind, int g, int key, long start, long end, int startTag, int endTag) {
                if (kind == IntervalKind.WAITING && start < until) {
                    waits.merge(names.getOrDefault(g, "g" + g), Math.min(end, until) - start, Long::sum);
                }
            }
        });
        for (TraceEvent e : events) {
            switch (e) {
                case TraceEvent.Spawn s -> names.putIfAbsent(s.g(), s.name());
                case TraceEvent.Request r -> tracker.request(r.time(), r.g(), r.lock(), 0);
                case TraceEvent.Acquire a -> tracker.acquire(a.time(), a.g(), a.lock(), a.mode() == Mode.READ, 0);
                default -> { }
            }
        }
        tracker.forEachOpen((kind, g, key, start, tag) -> {
            if (kind == IntervalKind.WAITING && start < until) {
                waits.merge(names.getOrDefault(g, "g" + g), until - start, Long::sum);
            }
        });
        return waits;
    }

    /** The derived scenario, through the file format as `lockscope derive` then `lockscope run` would use it. */
    record Derived(Scenario scenario, Map<Integer, String> names) {}

    static Derived derive(List<TraceEvent> events, String name) throws InputException {
        return derive(events, name, LockSemantics.GO_RWMUTEX);
    }

    static Derived derive(List<TraceEvent> events, String name, LockSemantics policy) throws InputException {
        ScenarioDeriver d = new ScenarioDeriver("test", policy);
        events.forEach(d::accept);
        Scenario s = ScenarioJson.read(name + ".json", new StringReader(ScenarioJson.toJson(d.scenario(name))));
        return new Derived(s, d.scriptNames());
    }

    static void assertWaitsReproduced(Map<String, Long> measured, Map<String, Long> rerun) {
        assertThat(measured).isNotEmpty();
        measured.forEach((goroutine, ns) -> {
            long got = rerun.getOrDefault(goroutine, 0L);
            assertThat((double) got).as("total wait of %s", goroutine)
                    .isCloseTo((double) ns, org.assertj.core.data.Offset.offset(ns * 0.05 + 5_000_000));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"article", "reader-starvation", "abba", "reload-cascade", "parallel-wait"})
    void aDerivedSampleReCreatesEveryGoroutinesWait(String sample) throws Exception {
        List<TraceEvent> recorded = new ArrayList<>();
        Path trace = Path.of("..", "sample-traces", sample + ".jsonl.gz");
        TraceReader.read(trace, recorded::add);
        Derived derived = derive(recorded, sample + "-derived", TraceReader.readHeader(trace).scenario().orElseThrow().lock());

        List<TraceEvent> rerun = new ArrayList<>();
        Simulation.run(derived.scenario(), rerun::add);

        long end = recorded.getLast().time();
        Map<String, Long> measured = waitsByGoroutine(recorded, derived.names(), end);
        assertThat(measured.values().stream().mapToLong(Long::longValue).sum()).as("the sample waits").isPositive();
        assertWaitsReproduced(measured, waitsByGoroutine(rerun, Map.of(), end));
    }

    @Test
    void gapsBecomeSleepsAndHoldsBecomeSleepsUnderTheLock() throws Exception {
        Site s = new Site("w", "w");
        List<TraceEvent> events = List.of(
                new TraceEvent.LockCreated(0, 0, "room.go:41", LockKind.RWMUTEX),
                new TraceEvent.Spawn(1_000_000, 5, "Room.Broadcast#5", "Room.Broadcast", 0),
                new TraceEvent.Request(3_000_000, 5, 0, Mode.READ, s),
                new TraceEvent.Acquire(3_500_000, 5, 0, Mode.READ, s),
                new TraceEvent.Release(203_500_000, 5, 0, Mode.READ, s),
                new TraceEvent.Release(204_000_000, 5, 0, Mode.WRITE, s), // ends no hold: left out
                new TraceEvent.End(300_000_000));

        Scenario d = derive(events, "room-derived").scenario();

        ScriptSpec script = (ScriptSpec) d.body();
        assertThat(script.locks()).containsExactly(new ScriptSpec.LockSpec("room.go:41", LockKind.RWMUTEX));
        assertThat(script.goroutines()).singleElement().satisfies(g -> {
            assertThat(g.name()).isEqualTo("Room.Broadcast#5");
            assertThat(g.startNs()).isEqualTo(1_000_000);
            assertThat(g.steps()).extracting(ScriptSpec.Step::text)
                    .containsExactly("sleep 2", "rlock room.go:41", "sleep 200", "runlock room.go:41");
        });
        assertThat(d.durationNs()).isEqualTo(1_300_000_000L);
    }

    @Test
    void aTraceWithoutLocksCannotBeDerived() {
        assertThatThrownBy(() -> derive(List.of(new TraceEvent.End(5)), "x")).isInstanceOf(InputException.class)
                .hasMessage("test: the trace has no lock operation to make a scenario from");
    }
}
