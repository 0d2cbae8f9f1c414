package dev.lockscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code lockscope-cli.jar} run as users run it, {@code java -jar}, with nothing else on the class
 * path: runs after {@code package}, in {@code mvn verify}.
 */
class CliJarIT {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {}

    static Result java(String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("lockscope.cli.jar", "target/lockscope-cli.jar"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out, err);
    }

    @Test
    void theJarRunsAScenarioOnItsOwn() throws Exception {
        Result r = java("run", "hand-example", "--json");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"scenario\": \"hand-example\"").contains("\"max\": 640");
    }

    @Test
    void badInputExitsTwoWithOneLineAndNoStackTrace() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"name\": \"x\", \"durationMs\": 100, \"lock\": \"spinlock\"}");
        Result r = java("run", file.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("bad.json:1: lock: expected one of go-rwmutex, reader-preferring, fair")
                .doesNotContain("at dev.lockscope");
    }

    @Test
    void aMissingTraceExitsTwo() throws Exception {
        Result r = java("stats", dir.resolve("none.jsonl").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
    }
}
