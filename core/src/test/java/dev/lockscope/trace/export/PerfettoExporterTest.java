package dev.lockscope.trace.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.run.Recorder;
import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.BuiltinScenarios;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.scenario.ScenarioJson;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The Perfetto export: valid structure on the article, and exact events on scripts small enough to follow. */
class PerfettoExporterTest {

    @Test
    void articleExportIsValidChromeTraceJson() throws Exception {
        Scenario article = BuiltinScenarios.byName("article").orElseThrow();
        Recorder run = new Recorder();
        String json = export(article, run);

        assertThat(ChromeTraceCheck.problems(json)).isEmpty();

        JsonNode events = new ObjectMapper().readTree(json).get("traceEvents");
        Set<String> threadNames = new HashSet<>();
        List<String> processNames = new ArrayList<>();
        int flows = 0;
        int waits = 0;
        int alerts = 0;
        int counters = 0;
        for (JsonNode e : events) {
            String ph = e.get("ph").asString();
            switch (ph) {
                case "M" -> {
                    if (e.get("name").asString().equals("thread_name")) {
                        threadNames.add(e.get("args").get("name").asString());
                    } else if (e.get("name").asString().equals("process_name")) {
                        processNames.add(e.get("pid").asInt() + " " + e.get("args").get("name").asString());
                    }
                }
                case "s" -> flows++;
                case "b" -> waits++;
                case "i" -> alerts++;
                case "C" -> counters++;
                default -> { }
            }
        }
        assertThat(processNames).containsExactly("1 Goroutines", "2 Locks");
        List<String> goroutines = run.of(TraceEvent.Spawn.class).map(TraceEvent.Spawn::name).toList();
        assertThat(threadNames).containsAll(goroutines).contains("membersMx", "alerts");
        assertThat(alerts).isEqualTo(run.of(TraceEvent.Alert.class).count());
        assertThat(waits).isPositive();
        assertThat(flows).isGreaterThanOrEqualTo(waits);
        assertThat(counters).isPositive();

        // The cascade's first step (docs/scenario-format.md): at 6.5 s eve reloads. Broadcasts start every 500 ms
        // and hold the read lock ~1.9 s while sending to eve, so #11 (5 s), #12 (5.5 s) and #13 (6 s) are
        // reading: her Remove waits behind all three, and Broadcast#14, starting at 6.5 s, waits behind her.
        List<String> at6500 = timeline(json).stream().filter(l -> l.contains("@6500000"))
                .map(l -> l.replaceAll(" id=\\d+", "")).toList();
        assertThat(at6500).containsSubsequence(
                "B waiting for membersMx (W) Reload(eve)@6500000",
                "b Remove waits for membersMx (W) membersMx@6500000",
                "s blocked by Reload(eve)@6500000", "f blocked by Broadcast#11@6500000",
                "s blocked by Reload(eve)@6500000", "f blocked by Broadcast#12@6500000",
                "s blocked by Reload(eve)@6500000", "f blocked by Broadcast#13@6500000",
                "B waiting for membersMx (R) Broadcast#14@6500000",
                "s blocked by Broadcast#14@6500000", "f blocked by Reload(eve)@6500000");
        // Three readers at once need three lanes on the lock.
        assertThat(threadNames).contains("membersMx #2", "membersMx #3");
    }

    @Test
    void recursiveReadLockDeadlockEventByEvent() throws Exception {
        // g1 read-locks M at 0 and sleeps 10 ms; g2 asks to write-lock M at 5 and waits for g1; at 10 g1
        // read-locks M again and waits behind the pending writer g2: neither moves again until the end at 500.
        String json = export(BuiltinScenarios.byName("recursive-rlock").orElseThrow(), new Recorder());

        assertThat(ChromeTraceCheck.problems(json)).isEmpty();
        assertThat(timeline(json)).containsExactly(
                "B g1 g1@0",
                "B g1 (R) M@0",
                "B holding M (R) g1@0",
                "B sleeping g1@0",
                "C M waiters=0 M@0",
                "B g2 g2@5000",
                "B waiting for M (W) g2@5000",
                "b g2 waits for M (W) M@5000 id=1",
                "s blocked by g2@5000 id=2",
                "f blocked by g1@5000 id=2",
                "C M waiters=1 M@5000",
                "E sleeping g1@10000",
                "i recursive alerts@10000",
                "B waiting for M (R) g1@10000",
                "b g1 waits for M (R) M@10000 id=3",
                "s blocked by g1@10000 id=4",
                "f blocked by g2@10000 id=4",
                "i deadlock alerts@10000",
                "C M waiters=2 M@10000",
                "E waiting for M (R) g1@500000",
                "e g1 waits for M (R) M@500000 id=3",
                "E holding M (R) g1@500000",
                "E g1 (R) M@500000",
                "E g1 g1@500000",
                "E waiting for M (W) g2@500000",
                "e g2 waits for M (W) M@500000 id=1",
                "E g2 g2@500000");
    }

    @Test
    void releasingAnOuterLockFirstEndsAndReopensTheInnerHold() throws Exception {
        Scenario s = script("""
                {"name": "unlock-order", "kind": "script", "durationMs": 10,
                 "locks": [{"name": "A", "kind": "mutex"}, {"name": "B", "kind": "mutex"}],
                 "goroutines": [{"name": "g", "steps": ["lock A", "lock B", "sleep 1", "unlock A", "sleep 1", "unlock B"]}]}
                """);
        String json = export(s, new Recorder());

        assertThat(ChromeTraceCheck.problems(json)).isEmpty();
        assertThat(timeline(json)).filteredOn(line -> line.contains(" g@")).containsExactly(
                "B g g@0",
                "B holding A (W) g@0",
                "B holding B (W) g@0",
                "B sleeping g@0",
                "E sleeping g@1000",
                "E holding B (W) g@1000",
                "E holding A (W) g@1000",
                "B holding B (W) g@1000 continued",
                "B sleeping g@1000",
                "E sleeping g@2000",
                "E holding B (W) g@2000",
                "E g g@2000");
        assertThat(timeline(json)).filteredOn(line -> line.endsWith(" A@0") || line.contains(" A@1000")).containsExactly(
                "B g (W) A@0", "C A waiters=0 A@0", "E g (W) A@1000");
    }

    @Test
    void checkerReportsEveryKindOfBrokenStructure() {
        String broken = """
                {"traceEvents":[
                {"ph":"M","name":"process_name","pid":1,"tid":1,"args":{"name":"P"}},
                {"ph":"M","name":"thread_name","pid":1,"tid":1,"args":{"name":"T"}},
                {"ph":"B","name":"outer","pid":1,"tid":1,"ts":5},
                {"ph":"B","name":"inner","pid":1,"tid":1,"ts":6},
                {"ph":"E","name":"outer","pid":1,"tid":1,"ts":7},
                {"ph":"B","name":"late","pid":1,"tid":1,"ts":4},
                {"ph":"b","name":"w","cat":"wait","id":1,"pid":1,"tid":1,"ts":1},
                {"ph":"e","name":"w","cat":"wait","id":2,"pid":1,"tid":1,"ts":2},
                {"ph":"s","name":"f","cat":"c","id":9,"pid":1,"tid":1,"ts":1},
                {"ph":"B","name":"x","pid":2,"tid":7,"ts":1}
                ]}
                """;
        assertThat(ChromeTraceCheck.problems(broken)).anySatisfy(p -> assertThat(p).contains("innermost open slice is \"inner\""))
                .anySatisfy(p -> assertThat(p).contains("time goes back"))
                .anySatisfy(p -> assertThat(p).contains("B without E"))
                .anySatisfy(p -> assertThat(p).contains("async e without b: wait/2"))
                .anySatisfy(p -> assertThat(p).contains("async b without e: wait/1"))
                .anySatisfy(p -> assertThat(p).contains("flow s without f: 9"))
                .anySatisfy(p -> assertThat(p).contains("pid 2 has no process_name"))
                .anySatisfy(p -> assertThat(p).contains("pid 2 tid 7 has no thread_name"));
    }

    @Test
    void timesAreExactMicroseconds() {
        assertThat(ChromeTraceWriter.micros(0)).isEqualTo("0");
        assertThat(ChromeTraceWriter.micros(999)).isEqualTo("0.999");
        assertThat(ChromeTraceWriter.micros(1_500)).isEqualTo("1.5");
        assertThat(ChromeTraceWriter.micros(10_000_000)).isEqualTo("10000");
        assertThat(ChromeTraceWriter.micros(16_743_154)).isEqualTo("16743.154");
        assertThat(ChromeTraceWriter.micros(1_000_010)).isEqualTo("1000.01");
        assertThat(ChromeTraceWriter.micros(-1_500)).isEqualTo("-1.5");
    }

    static String export(Scenario s, Recorder run) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PerfettoExporter exporter = new PerfettoExporter(bytes, s.name());
        Simulation.run(s, new dev.lockscope.event.EventSink() {
            @Override
            public void accept(TraceEvent e) {
                run.accept(e);
                exporter.accept(e);
            }

            @Override
            public void finish() {
                exporter.finish();
            }
        });
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static Scenario script(String json) throws Exception {
        return ScenarioJson.read("test", new StringReader(json));
    }

    /**
     * Every event but metadata as {@code "ph name thread@ts"}: goroutine threads by name, lock lanes by the
     * lock's name, {@code alerts}; ts in microseconds as written; ids, counter values and the continued flag.
     */
    static List<String> timeline(String json) {
        JsonNode events = new ObjectMapper().readTree(json).get("traceEvents");
        java.util.Map<String, String> threads = new java.util.HashMap<>();
        List<String> lines = new ArrayList<>();
        for (JsonNode e : events) {
            String thread = e.get("pid").asInt() + "/" + e.get("tid").asLong();
            if (e.get("ph").asString().equals("M")) {
                if (e.get("name").asString().equals("thread_name")) {
                    threads.put(thread, e.get("args").get("name").asString());
                }
                continue;
            }
            StringBuilder line = new StringBuilder(e.get("ph").asString()).append(' ').append(e.get("name").asString());
            if (e.get("ph").asString().equals("C")) {
                e.get("args").properties().forEach(p -> line.append(' ').append(p.getKey()).append('=').append(p.getValue()));
            }
            line.append(' ').append(threads.getOrDefault(thread, thread)).append('@').append(e.get("ts").asString());
            if (e.has("id")) {
                line.append(" id=").append(e.get("id").asLong());
            }
            if (e.path("args").path("continued").asBoolean(false)) {
                line.append(" continued");
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
