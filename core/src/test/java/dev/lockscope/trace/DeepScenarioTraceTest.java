package dev.lockscope.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.scenario.ScenarioJson;
import java.io.StringReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every scenario the scenario reader accepts makes a trace the trace reader reads back: the header embeds the
 * scenario one level down, so it may nest one level deeper than a scenario file (once it could not, and a run of
 * a deeply nested script wrote a trace that no command could open).
 */
class DeepScenarioTraceTest {
    @TempDir
    Path dir;

    @Test
    void aScenarioNestedToTheScenarioLimitMakesAReadableTrace() throws Exception {
        // goroutines[0].steps[0] is depth 5 (root, goroutines array, goroutine, steps array, block); each further
        // if adds two (its "then" array and the block in it): 14 ifs reach depth 31, within the scenario's 32.
        String step = "\"sleep 1\"";
        for (int i = 0; i < 14; i++) {
            step = "{\"if\": \"true\", \"then\": [" + step + "]}";
        }
        Scenario s = ScenarioJson.read("deep.json", new StringReader("""
                {"name": "deep", "kind": "script", "durationMs": 10, "goroutines": [{"name": "main", "steps": [%s]}]}
                """.formatted(step)));
        Path trace = dir.resolve("deep.jsonl.gz");
        TraceWriter writer = TraceWriter.atomic(trace, s);
        Simulation.run(s, writer);

        assertThat(TraceReader.readHeader(trace).scenario()).hasValue(s);
    }
}
