package dev.lockscope.cli;

import static dev.lockscope.cli.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.trace.export.IntervalCsvExporter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.ObjectMapper;

/** {@code lockscope export}: both formats, atomic output, and one-line errors with exit 2. */
class ExportCommandTest {
    @TempDir
    Path dir;

    Path trace;

    @BeforeEach
    void saveATrace() {
        trace = dir.resolve("abba.jsonl.gz");
        assertThat(cli("run", "abba", "--out", trace.toString()).code()).isZero();
    }

    @Test
    void perfettoWritesTraceEventJson() throws Exception {
        Path out = dir.resolve("abba.json");
        CliTest.Result r = cli("export", trace.toString(), "--format", "perfetto", "--out", out.toString());

        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("exported ").contains("abba", out.toString());
        var root = new ObjectMapper().readTree(Files.readString(out));
        assertThat(root.get("traceEvents").isArray()).isTrue();
        assertThat(root.get("otherData").get("scenario").asString()).isEqualTo("abba");
    }

    @Test
    void csvStartsWithTheHeaderAndReplacesAnOldFile() throws Exception {
        Path out = dir.resolve("abba.csv");
        Files.writeString(out, "old content\n");
        CliTest.Result r = cli("export", trace.toString(), "--format", "csv", "--out", out.toString());

        assertThat(r.code()).isZero();
        String csv = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(csv).startsWith(IntervalCsvExporter.HEADER + "\n").doesNotContain("old content");
        // abba: g1 and g2 each hold one lock and wait forever for the other's.
        assertThat(csv.lines()).anySatisfy(l -> assertThat(l).matches("\\d+,waiting,10,500,490,g1,B,w,,g2"))
                .anySatisfy(l -> assertThat(l).matches("\\d+,waiting,10,500,490,g2,A,w,,g1"));
        assertThat(leftovers()).containsExactlyInAnyOrder("abba.jsonl.gz", "abba.csv");
    }

    @Test
    void anUnknownFormatIsOneLineWithExitTwoAndNoFile() throws Exception {
        Path out = dir.resolve("x.out");
        CliTest.Result r = cli("export", trace.toString(), "--format", "svg", "--out", out.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly(
                "lockscope: command line: --format: expected one of perfetto, csv, got \"svg\"");
        assertThat(out).doesNotExist();
    }

    @Test
    void aBrokenTraceIsOneLineWithExitTwoAndLeavesNoFile() throws Exception {
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"format\":\"lockscope-trace\",\"version\":1,\"tool\":\"x\",\"scenario\":"
                + "{\"name\":\"s\",\"durationMs\":10}}\n{\"t\":0,\"e\":\"spawn\",\"g\":\"one\"}\n");
        for (String format : new String[] {"perfetto", "csv"}) {
            Path out = dir.resolve("bad." + format);
            CliTest.Result r = cli("export", bad.toString(), "--format", format, "--out", out.toString());

            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err().lines()).hasSize(1);
            assertThat(r.err()).startsWith("lockscope: " + bad + ":2: g").doesNotContain("Exception");
            assertThat(out).doesNotExist();
        }
        assertThat(leftovers()).containsExactlyInAnyOrder("abba.jsonl.gz", "bad.jsonl");
    }

    @Test
    void aMissingTraceOrOutIsExitTwo() {
        CliTest.Result missing = cli("export", dir.resolve("nope.jsonl").toString(), "--format", "csv", "--out",
                dir.resolve("x.csv").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.jsonl: no such file");

        CliTest.Result noOut = cli("export", trace.toString(), "--format", "csv");
        assertThat(noOut.code()).isEqualTo(2);
        assertThat(noOut.err().lines()).hasSize(1);
        assertThat(noOut.err()).contains("--out");
    }

    @Test
    void refusesToOverwriteTheTraceItself() {
        CliTest.Result r = cli("export", trace.toString(), "--format", "csv", "--out", trace.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly("lockscope: command line: --out: is the trace itself; choose another file");
    }

    private java.util.List<String> leftovers() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
