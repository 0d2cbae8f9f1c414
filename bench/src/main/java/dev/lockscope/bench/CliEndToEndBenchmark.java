package dev.lockscope.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code java -jar core/target/lockscope-cli.jar run big-room --json} as a child process: the end-to-end figure,
 * JVM start included. Run from the repository root after {@code mvn package}; {@code -Dlockscope.cli=PATH}
 * points elsewhere.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(1)
public class CliEndToEndBenchmark {
    @Param({"goroutine-per-send", "sequential"})
    public String strategy;

    @Benchmark
    public int runBigRoom() throws Exception {
        Path jar = Path.of(System.getProperty("lockscope.cli", "core/target/lockscope-cli.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run 'mvn -DskipTests package' first");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-jar", jar.toString(), "run", "big-room", "--json",
                "--strategy", strategy)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        int code = p.waitFor();
        if (code != 0) {
            throw new IllegalStateException("lockscope exited " + code);
        }
        return code;
    }
}
