package dev.lockscope.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.run.Recorder;
import dev.lockscope.run.Simulation;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every script example in docs/scenario-format.md reads, round-trips through its canonical form, and runs. */
class ScenarioFormatDocTest {

    @Test
    void everyScriptExampleOfTheDocsRuns() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "scenario-format.md"));
        Matcher m = Pattern.compile("```json\n(.*?)```", Pattern.DOTALL).matcher(doc);
        List<String> scripts = new ArrayList<>();
        while (m.find()) {
            if (m.group(1).contains("\"kind\": \"script\"")) {
                scripts.add(m.group(1));
            }
        }
        assertThat(scripts).hasSizeGreaterThanOrEqualTo(5);
        for (String json : scripts) {
            Scenario s = ScenarioJson.read("doc.json", new StringReader(json));
            assertThat(ScenarioJson.read("canonical.json", new StringReader(ScenarioJson.toJson(s)))).isEqualTo(s);
            Recorder r = new Recorder();
            Simulation.run(s, r);
            assertThat(r.finished).as(s.name()).isTrue();
        }
    }
}
