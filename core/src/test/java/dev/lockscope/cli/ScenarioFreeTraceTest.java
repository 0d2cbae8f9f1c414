package dev.lockscope.cli;

import static dev.lockscope.cli.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trace that no scenario describes (the article sample with its scenario removed, its producer renamed and
 * its alerts dropped, as a real program's trace would be) gives every command the original's figures and
 * alerts; only the features that re-run a simulation refuse it, in one line.
 */
class ScenarioFreeTraceTest {
    private static final Path ARTICLE = Path.of("..", "sample-traces", "article.jsonl.gz");

    @TempDir
    Path dir;
    Path real;

    @BeforeEach
    void stripTheScenario() throws IOException {
        real = dir.resolve("article-real.jsonl.gz");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(ARTICLE)),
                StandardCharsets.UTF_8));
             Writer out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(real)), StandardCharsets.UTF_8)) {
            in.readLine(); // the simulation's header
            out.write("{\"format\":\"lockscope-trace\",\"version\":2,\"tool\":\"a tracker\",\"producer\":\"lockscope-go\","
                    + "\"details\":{\"name\":\"article\"}}\n");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.contains("\"e\":\"alert\"")) {
                    out.write(line + "\n");
                }
            }
        }
    }

    @Test
    void statsGivesTheSameSummary() {
        assertThat(cli("stats", real.toString(), "--json").out()).isEqualTo(cli("stats", ARTICLE.toString(), "--json").out())
                .contains("\"long-wait\": 93");
    }

    @Test
    void checkComputesTheSameAlerts() {
        CliTest.Result original = cli("check", ARTICLE.toString());
        CliTest.Result computed = cli("check", real.toString());

        assertThat(computed.code()).isZero();
        assertThat(computed.out()).startsWith("Alerts computed by Lockscope's detectors (a wait or hold alerts past "
                + "1000 ms / 1000 ms): article was produced by lockscope-go.\n\n");
        assertThat(computed.out()).endsWith(original.out()).contains("141 alerts: long-wait 93, long-hold 48");
    }

    @Test
    void exportsAreTheSame() throws IOException {
        for (String format : new String[] {"perfetto", "csv"}) {
            Path a = dir.resolve("a." + format);
            Path b = dir.resolve("b." + format);
            assertThat(cli("export", ARTICLE.toString(), "--format", format, "--out", a.toString()).code()).isZero();
            assertThat(cli("export", real.toString(), "--format", format, "--out", b.toString()).code()).isZero();
            assertThat(Files.readString(b)).isEqualTo(Files.readString(a));
        }
    }

    @Test
    void replayRefusesInOneLine() {
        CliTest.Result r = cli("replay", real.toString(), "--verify");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("lockscope: " + real + ":1: producer: replay needs a simulated trace (producer "
                + "lockscope-sim), but this one was produced by lockscope-go\n");
    }
}
