package dev.lockscope.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.lockscope.analysis.SummaryAnalyzer;
import dev.lockscope.analysis.SummaryJson;
import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.scenario.ScenarioJson;
import dev.lockscope.trace.TraceFile;
import dev.lockscope.trace.TraceReader;
import dev.lockscope.trace.TraceWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed sample traces are exactly what their scenarios produce now, so a change in behaviour never
 * passes silently; and each round-trips through a file to the same summary. With
 * {@code -Dlockscope.regenerateSamples=true} the traces are rewritten instead of checked.
 */
class SampleTracesTest {
    private static final String REGENERATE = "mvn -q -pl core test -Dtest=SampleTracesTest "
            + "-Dlockscope.regenerateSamples=true";
    private static final long MAX_BYTES = 1 << 20;

    @TempDir
    Path tmp;

    @BeforeAll
    static void regenerateIfAsked() throws Exception {
        if (Boolean.getBoolean("lockscope.regenerateSamples")) {
            for (Path scenario : scenarios()) {
                SampleTraces.write(scenario, SampleTraces.traceOf(scenario));
            }
        }
    }

    static List<Path> scenarios() throws IOException {
        return SampleTraces.scenarios(SampleTraces.dir());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void traceIsWhatItsScenarioProducesNow(Path scenario) throws Exception {
        Path committed = SampleTraces.traceOf(scenario);
        Path fresh = tmp.resolve("fresh.jsonl"); // plain: the comparison is of the decompressed bytes
        SampleTraces.write(scenario, fresh);

        assertThat(committed).as("trace of " + scenario.getFileName()).exists();
        String expected = gunzip(committed);
        String actual = Files.readString(fresh, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            fail(shownName(committed) + " is not what " + scenario.getFileName() + " produces now ("
                    + firstDifference(expected, actual) + "). If the change in behaviour is intended, regenerate "
                    + "the samples from the repository root with: " + REGENERATE + " and commit them.");
        }
        assertThat(Files.size(committed)).as("size of " + committed.getFileName()).isLessThan(MAX_BYTES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void savedAndLoadedTraceHasTheSummaryOfTheRun(Path scenarioFile) throws Exception {
        Scenario s = ScenarioJson.read(scenarioFile);
        Path saved = tmp.resolve("saved.jsonl.gz");
        SummaryAnalyzer live = new SummaryAnalyzer(s.name(), s.durationNs());
        TraceWriter writer = TraceWriter.atomic(saved, s);
        Simulation.run(s, new EventSink() {
            @Override
            public void accept(TraceEvent e) {
                live.accept(e);
                writer.accept(e);
            }

            @Override
            public void finish() {
                writer.finish();
            }
        });
        String run = SummaryJson.write(live.summary());

        assertThat(stats(saved)).isEqualTo(run);
        assertThat(stats(SampleTraces.traceOf(scenarioFile))).as("stats of the committed trace").isEqualTo(run);
    }

    @Test
    void everyScenarioHasItsTraceAndALineInTheReadme() throws Exception {
        Path dir = SampleTraces.dir();
        Set<String> scenarios = names(dir, ".json");
        Set<String> traces = names(dir, ".jsonl.gz");
        String readme = Files.readString(dir.resolve("README.md"), StandardCharsets.UTF_8);

        assertThat(scenarios).isNotEmpty().isEqualTo(traces);
        assertThat(scenarios).allSatisfy(name -> assertThat(readme).contains("`" + name + "`"));
        assertThat(scenarios).contains("article", "fixed-goroutine-per-send", "parallel-wait", "fixed-snapshot",
                "fixed-member-queue", "reload-cascade", "reader-starvation", "lock-order", "abba", "recursive-rlock",
                "kubernetes5316", "kubernetes10182");
    }

    private static String stats(Path trace) throws Exception {
        TraceFile.Header header = TraceReader.readHeader(trace);
        SummaryAnalyzer analyzer = new SummaryAnalyzer(header.name(trace), header.durationNs());
        TraceReader.read(trace, analyzer);
        return SummaryJson.write(analyzer.summary());
    }

    private static Set<String> names(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix))
                    .map(n -> n.substring(0, n.length() - suffix.length())).collect(Collectors.toSet());
        }
    }

    private static String gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String firstDifference(String expected, String actual) {
        List<String> a = expected.lines().toList();
        List<String> b = actual.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "(ends)";
            String y = i < b.size() ? b.get(i) : "(ends)";
            if (!x.equals(y)) {
                return "first difference at line " + (i + 1) + ": committed " + shorten(x) + ", now " + shorten(y);
            }
        }
        return "the same lines, different line ends";
    }

    private static String shorten(String line) {
        return line.length() <= 160 ? line : line.substring(0, 160) + "...";
    }

    private static String shownName(Path trace) {
        return SampleTraces.DIR + "/" + trace.getFileName();
    }
}
