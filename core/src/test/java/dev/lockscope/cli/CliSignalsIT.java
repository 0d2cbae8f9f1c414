package dev.lockscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real signals, sent to the packaged jar run as a child process, as CliJarIT runs it: SIGTERM
 * ({@link Process#destroy()}) and Ctrl-C's SIGINT stop {@code run --out} cleanly, keeping the trace so far;
 * SIGKILL leaves a temporary file that the next write of the same trace removes.
 */
class CliSignalsIT {
    /** A run far longer than any test waits: 100,000 s of the article's room. */
    private static final String[] LONG_RUN = {"run", "article", "--duration", "100000000", "--progress", "--out"};

    @TempDir
    Path dir;

    /** The child and the file its stderr goes to. */
    record Child(Process process, Path errFile) {
        String err() throws IOException {
            return Files.readString(errFile);
        }
    }

    private Child start(Path out) throws IOException {
        List<String> args = new ArrayList<>(List.of(LONG_RUN));
        args.add(out.toString());
        return start(out, args);
    }

    private Child start(Path out, List<String> args) throws IOException {
        Path jar = Path.of(System.getProperty("lockscope.cli.jar", "target/lockscope-cli.jar"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(args);
        Path err = dir.resolve(out.getFileName() + ".err");
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
        return new Child(p, err);
    }

    /** Waits until the run is under way: its temporary trace file has content. Not a timing assertion: a guard. */
    private void awaitWriting(Child child, Path out) throws Exception {
        await(() -> temps(out).stream().anyMatch(t -> t.toFile().length() > 100_000) || !child.process().isAlive());
        assertThat(child.process().isAlive()).as("the run is still going").isTrue();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(2));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("the child never got there");
            }
            Thread.sleep(50);
        }
    }

    private List<Path> temps(Path out) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("." + out.getFileName() + ".")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertStoppedAndSaved(Child child, Path out, int status) throws Exception {
        assertThat(child.process().waitFor()).isEqualTo(status);
        String last = child.err().lines().reduce((a, b) -> b).orElse("");
        assertThat(last).startsWith("lockscope: stopped at ").endsWith(" ms of 100000000 ms virtual; the trace so far "
                + "is in " + out + ", without its end event (readers report it as cut off)");
        // The saved trace reads: every complete event, and the warning that it was cut off.
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        assertThat(Main.execute(new String[] {"stats", out.toString()}, new PrintWriter(o), new PrintWriter(e))).isZero();
        assertThat(o.toString()).startsWith("scenario article · 100000000 ms virtual · ");
        assertThat(e.toString()).startsWith("lockscope: warning: " + out + ": no end event after line ")
                .contains("(recording cut off?)");
    }

    @Test
    void sigtermStopsTheRunAndKeepsTheTraceSoFar() throws Exception {
        Path out = dir.resolve("long.jsonl.gz");
        Child child = start(out);
        awaitWriting(child, out);

        child.process().destroy(); // SIGTERM

        assertStoppedAndSaved(child, out, 128 + 15);
        assertThat(temps(out)).isEmpty();
    }

    @Test
    void ctrlCStopsTheRunAndKeepsTheTraceSoFar() throws Exception {
        Path out = dir.resolve("long.jsonl");
        Child child = start(out);
        awaitWriting(child, out);
        // A JVM started with SIGINT ignored (as background jobs of some shells are) cannot be stopped by it.
        String status = Files.readString(Path.of("/proc", Long.toString(child.process().pid()), "status"));
        long caught = status.lines().filter(l -> l.startsWith("SigCgt:")).map(l -> Long.parseLong(l.substring(7).strip(),
                16)).findFirst().orElse(0L);
        if ((caught & 0b10) == 0) {
            child.process().destroyForcibly().waitFor();
            assumeTrue(false, "SIGINT is ignored in this environment");
        }

        assertThat(new ProcessBuilder("kill", "-INT", Long.toString(child.process().pid())).start().waitFor()).isZero();

        assertStoppedAndSaved(child, out, 128 + 2);
        assertThat(temps(out)).isEmpty();
    }

    @Test
    void sigtermDuringAnExportLeavesNoTemporaryFile() throws Exception {
        Path trace = dir.resolve("big.jsonl.gz");
        assertThat(Main.execute(new String[] {"run", "article", "--duration", "20000000", "--out", trace.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))).isZero();
        Path out = dir.resolve("big.json");
        Child child = start(out, List.of("export", trace.toString(), "--format", "perfetto", "--out", out.toString()));
        await(() -> temps(out).stream().anyMatch(t -> t.toFile().length() > 0) || !child.process().isAlive());
        assertThat(child.process().isAlive()).as("the export is still going").isTrue();

        child.process().destroy();

        assertThat(child.process().waitFor()).isEqualTo(128 + 15);
        assertThat(temps(out)).isEmpty();
        assertThat(out).doesNotExist();
    }

    @Test
    void aKilledRunsTemporaryFileIsRemovedByTheNextRun() throws Exception {
        Path out = dir.resolve("killed.jsonl.gz");
        Child child = start(out);
        awaitWriting(child, out);

        child.process().destroyForcibly().waitFor(); // SIGKILL: no hook runs

        assertThat(temps(out)).hasSize(1);
        assertThat(out).doesNotExist();
        assertThat(Main.execute(new String[] {"run", "hand-example", "--out", out.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))).isZero();
        assertThat(temps(out)).isEmpty();
        assertThat(out).exists();
    }
}
