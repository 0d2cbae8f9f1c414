package dev.lockscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in {@code big-room} trace (24,060,502 events, 127 MB of gzip, 2.5 GB of lines) through every reading
 * command in a 256 MB heap, and a script whose trace would pass the 200,000,000-event limit, with the packaged
 * jar. Minutes of work, so not in the default build: {@code mvn verify -pl core -Dlockscope.bigRoom=true
 * -Dit.test=BigRoomInSmallHeapIT}. Each command's wall time is printed; figures in docs/benchmarks.md.
 */
@EnabledIfSystemProperty(named = "lockscope.bigRoom", matches = "true")
class BigRoomInSmallHeapIT {
    @TempDir
    static Path dir;
    static Path trace;

    @BeforeAll
    static void writeTheTrace() throws Exception {
        trace = dir.resolve("big.jsonl.gz");
        Result r = java(null, "run", "big-room", "--out", trace.toString());
        assertThat(r.code()).as(r.err()).isZero();
    }

    record Result(int code, String out, String err, long millis) {}

    static Result java(String heap, String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("lockscope.cli.jar", "target/lockscope-cli.jar"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        if (heap != null) {
            command.add("-Xmx" + heap);
        }
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
        int code = p.waitFor();
        long millis = (System.nanoTime() - start) / 1_000_000;
        String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
        String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
        System.out.printf("%s: exit %d, %.1f s%n", String.join(" ", args), code, millis / 1000.0);
        return new Result(code, out, err, millis);
    }

    @Test
    void stats() throws Exception {
        Result r = java("256m", "stats", trace.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("scenario big-room · 120000 ms virtual · 24060502 events");
    }

    @Test
    void check() throws Exception {
        Result r = java("256m", "check", trace.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("No alerts. long-wait 0, long-hold 0, lock-order 0, recursive 0, deadlock 0\n");
    }

    @Test
    void csvExport() throws Exception {
        Path csv = dir.resolve("big.csv");
        Result r = java("256m", "export", trace.toString(), "--format", "csv", "--out", csv.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(Files.size(csv)).isGreaterThan(500_000_000L);
        Files.delete(csv);
    }

    @Test
    void perfettoExport() throws Exception {
        Path json = dir.resolve("big.json");
        Result r = java("256m", "export", trace.toString(), "--format", "perfetto", "--out", json.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        Files.delete(json);
    }

    @Test
    void replayVerify() throws Exception {
        Result r = java("256m", "replay", trace.toString(), "--verify");
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("replayed 24060502 events of big-room with 0 live commands\n"
                + "identical: the re-run of the header's scenario reproduces the file byte for byte (24060506 lines)\n");
    }

    @Test
    void aRunWhoseTraceWouldPassTheEventLimitStopsWithExitTwo() throws Exception {
        // 25,000 goroutines queue on one mutex: every hand-over changes every waiter's blockers, so events grow with
        // the square of the queue (10,000 made 50,064,001): about 312 million, past the limit.
        StringBuilder goroutines = new StringBuilder();
        for (int i = 0; i < 25_000; i++) {
            goroutines.append(i == 0 ? "" : ",").append("{\"name\":\"g").append(i)
                    .append("\",\"steps\":[\"lock M\",\"sleep 1\",\"unlock M\"]}");
        }
        Path script = dir.resolve("queue.json");
        Files.writeString(script, "{\"name\":\"queue\",\"kind\":\"script\",\"durationMs\":60000,"
                + "\"detector\":{\"lockOrder\":false},\"locks\":[{\"name\":\"M\",\"kind\":\"mutex\"}],"
                + "\"goroutines\":[" + goroutines + "]}");
        Path out = dir.resolve("queue.jsonl.gz");

        Result r = java("256m", "run", script.toString(), "--out", out.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).matches("lockscope: \\Q" + script + "\\E: cannot write \\Q" + out + "\\E: the trace would "
                + "hold more than 200000000 events, the most a trace may hold \\(reached at [0-9.]+ ms\\); shorten "
                + "durationMs, or run without --out\\n");
        assertThat(Files.exists(out)).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }
}
