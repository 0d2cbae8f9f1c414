package dev.lockscope.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Recording from the environment, in a JVM of its own: killed, it leaves complete lines; exiting, an end. */
@Timeout(60)
class ChildJvmTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"killed.jsonl", "killed.jsonl.gz"})
    void aKilledRecordingKeepsEveryCompleteLine(String name) throws Exception {
        Path file = dir.resolve(name);
        Process child = start(List.of("-Dlockscope.trace=" + file), "forever", null);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("running");
            // The writer flushes at least every 100 ms: wait for a good part of the recording to be in the file.
            while (Trace.read(file).lines().size() < 1000) {
                Thread.sleep(10);
            }
            child.destroyForcibly();
            child.waitFor();
        } finally {
            child.destroyForcibly();
        }

        Trace trace = Trace.read(file).checkWellFormed();
        assertThat(trace.lines().size()).isGreaterThanOrEqualTo(1000);
        assertThat(trace.hasEnd()).isFalse();
        assertThat(trace.header().get("details").get("name").asString()).isEqualTo(ChildProgram.class.getName());
        assertThat(trace.header().get("details").get("pid").asLong()).isEqualTo(child.pid());
    }

    @Test
    void aProgramThatExitsEndsItsTraceThroughTheShutdownHook() throws Exception {
        Path file = dir.resolve("exited.jsonl");
        Process child = start(List.of(), "briefly", file);
        assertThat(child.waitFor()).isZero();

        Trace trace = Trace.read(file).checkWellFormed();
        assertThat(trace.cutLine()).isEmpty();
        assertThat(trace.hasEnd()).isTrue();
        // main: 10 x (mutex and write lock: request, acquire, release); reader-1: 10 x the same, of the read lock.
        assertThat(trace.events().stream().filter(l -> l.is("acquire")).count()).isEqualTo(30);
        assertThat(trace.checkLockDiscipline()).isEqualTo(30);
    }

    /** Starts {@link ChildProgram} with this JVM's java and class path; {@code envTrace} sets LOCKSCOPE_TRACE. */
    private static Process start(List<String> jvmOptions, String mode, Path envTrace) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ChildProgram.class.getName(), mode));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        if (envTrace != null) {
            builder.environment().put("LOCKSCOPE_TRACE", envTrace.toString());
        }
        return builder.start();
    }
}
