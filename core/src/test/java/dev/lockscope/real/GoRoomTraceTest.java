package dev.lockscope.real;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.derive.ScenarioDeriver;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.interval.IntervalKind;
import dev.lockscope.interval.IntervalTracker;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.model.Mode;
import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.trace.TraceFile;
import dev.lockscope.trace.TraceReader;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The article's room as a real Go program with the Go tracking locks (trackers/go/examples/room): its trace, read
 * by Lockscope, shows the Add waiting behind the Broadcast that sends to the slow member, with a long-wait naming
 * it; and the scenario derived from it re-creates every goroutine's waits. Needs Go; skipped without it unless
 * {@code -Dlockscope.requireGo=true} (CI), which makes a missing Go a failure.
 */
class GoRoomTraceTest {
    @TempDir
    static Path dir;
    static Path trace;

    @BeforeAll
    static void runTheGoRoom() throws Exception {
        boolean go = new ProcessBuilder("go", "version").start().waitFor() == 0;
        if (!go && !Boolean.getBoolean("lockscope.requireGo")) {
            Assumptions.abort("Go is not installed");
        }
        trace = dir.resolve("room.jsonl.gz");
        Path module = Path.of(System.getProperty("lockscope.repo", ".."), "trackers", "go");
        ProcessBuilder pb = new ProcessBuilder("go", "run", "./examples/room", "-trace", trace.toString(), "-for",
                "600ms").directory(module.toFile()).redirectErrorStream(true);
        pb.environment().put("GOWORK", "off");
        pb.environment().put("GOPROXY", "off");
        pb.environment().putIfAbsent("GOCACHE", dir.resolve("gocache").toString());
        pb.environment().remove("LOCKSCOPE_TRACE");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(new File(trace.toString())).exists();
    }

    @Test
    void theAddWaitsBehindTheBroadcastSendingToTheSlowMember() throws Exception {
        TraceFile.Header header = TraceReader.readHeader(trace);
        assertThat(header.producer()).isEqualTo("lockscope-go");

        RealTraces.assertAddWaitedBehindABroadcast(RealTraces.read(trace), "Room.Add", "Room.Broadcast",
                150_000_000L);
    }

    @Test
    void theDerivedScenarioReCreatesEveryGoroutinesWait() throws Exception {
        List<TraceEvent> real = new ArrayList<>();
        TraceReader.read(trace, real::add);
        ScenarioDeriver deriver = new ScenarioDeriver(trace.toString(), LockSemantics.GO_RWMUTEX);
        real.forEach(deriver::accept);
        Scenario derived = deriver.scenario("room-derived");
        List<TraceEvent> rerun = new ArrayList<>();
        Simulation.run(derived, rerun::add);

        Map<String, Long> measured = waits(real, deriver.scriptNames());
        Map<String, Long> simulated = waits(rerun, Map.of());
        assertThat(measured.values().stream().mapToLong(Long::longValue).sum()).isGreaterThan(150_000_000L);
        measured.forEach((g, ns) -> assertThat((double) simulated.getOrDefault(g, 0L)).as("total wait of %s", g)
                .isCloseTo((double) ns, org.assertj.core.data.Offset.offset(ns * 0.05 + 5_000_000)));
    }

    /** Total completed wait per goroutine name; {@code given} names goroutines (the trace's ids → script names). */
    private static Map<String, Long> waits(List<TraceEvent> events, Map<Integer, String> given) {
        Map<Integer, String> names = new HashMap<>(given);
        Map<String, Long> waits = new TreeMap<>();
        IntervalTracker tracker = new IntervalTracker(new IntervalTracker.Listener() {
            @Override
            public void opened(IntervalKind kind, int g, int key, long start, long plannedEnd, int tag) {}

            @Override
            public void closed(IntervalKind kind, int g, int key, long start, long end, int startTag, int endTag) {
                if (kind == IntervalKind.WAITING && names.containsKey(g)) {
                    waits.merge(names.get(g), end - start, Long::sum);
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
        return waits;
    }
}
