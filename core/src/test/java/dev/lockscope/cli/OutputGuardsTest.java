package dev.lockscope.cli;

import static dev.lockscope.cli.CliTest.cli;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code --out}: never one of the inputs, checked before any work, written with the umask's permissions,
 * devices and FIFOs written in place, and failures naming {@code --out} itself.
 */
class OutputGuardsTest {
    private static final String SWEEP = "{\"name\": \"s\", \"scenario\": \"room.json\", \"seeds\": [1, 2]}";

    @TempDir
    Path dir;
    Path scenario;
    Path sweep;
    Path trace;

    @BeforeEach
    void inputs() throws IOException {
        scenario = dir.resolve("room.json");
        Files.writeString(scenario, "{\"name\": \"room\", \"durationMs\": 100, \"members\": [{\"name\": \"a\", "
                + "\"latencyMs\": 5}]}");
        sweep = Files.writeString(dir.resolve("sweep.json"), SWEEP);
        trace = dir.resolve("t.jsonl");
        assertThat(cli("run", scenario.toString(), "--out", trace.toString()).code()).isZero();
    }

    private static void assertRefused(CliTest.Result r, String line) {
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(line + "\n");
    }

    @Test
    void noOutMayBeOneOfTheInputs() throws IOException {
        assertRefused(cli("run", scenario.toString(), "--out", scenario.toString()),
                "lockscope: command line: --out: is the scenario file itself; choose another file");
        assertRefused(cli("sweep", sweep.toString(), "--out", sweep.toString()),
                "lockscope: command line: --out: is the sweep file itself; choose another file");
        assertRefused(cli("sweep", sweep.toString(), "--out", scenario.toString()),
                "lockscope: command line: --out: is the sweep's scenario file itself; choose another file");
        assertRefused(cli("export", trace.toString(), "--format", "csv", "--out", trace.toString()),
                "lockscope: command line: --out: is the trace itself; choose another file");
        assertRefused(cli("derive", trace.toString(), "--out", trace.toString()),
                "lockscope: command line: --out: is the trace itself; choose another file");
        Path recording = Files.writeString(dir.resolve("app.jfr"), "FLR\0");
        assertRefused(cli("import", recording.toString(), "--out", recording.toString()),
                "lockscope: command line: --out: is the recording itself; choose another file");
        assertRefused(cli("derive", trace.toString(), "--out", dir.toString()),
                "lockscope: command line: --out: " + dir + " is a directory; expected a file");
        // The same file by another name: a symbolic link, or a path with "./" in it.
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), scenario.getFileName());
        assertRefused(cli("run", scenario.toString(), "--out", link.toString()),
                "lockscope: command line: --out: is the scenario file itself; choose another file");
        assertRefused(cli("sweep", sweep.toString(), "--out", dir.resolve(".").resolve("sweep.json").toString()),
                "lockscope: command line: --out: is the sweep file itself; choose another file");

        assertThat(Files.readString(sweep)).isEqualTo(SWEEP);
        assertThat(Files.readString(scenario)).startsWith("{\"name\": \"room\"");
    }

    @Test
    void sweepChecksOutBeforeTheFirstRun() {
        // --progress draws a bar from the first run on: the error line alone shows that no run started.
        assertRefused(cli("sweep", sweep.toString(), "--out", dir.toString(), "--progress"),
                "lockscope: command line: --out: " + dir + " is a directory; expected a file");
        assertRefused(cli("sweep", sweep.toString(), "--out", dir.resolve("none").resolve("r.csv").toString(),
                "--progress"), "lockscope: command line: --out: directory " + dir.resolve("none") + " does not exist");
    }

    @Test
    void aDanglingLinksDirectoryIsTheOneChecked() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("out.jsonl"), dir.resolve("none").resolve("t.jsonl"));
        assertRefused(cli("run", scenario.toString(), "--out", link.toString()),
                "lockscope: command line: --out: directory " + dir.resolve("none") + " does not exist");
        assertThat(Files.isSymbolicLink(link)).isTrue();
    }

    @Test
    void everyOutputHasTheUmasksPermissions() throws IOException {
        String umask = PosixFilePermissions.toString(Files.getPosixFilePermissions(Files.createFile(
                dir.resolve("reference"))));
        Path csv = dir.resolve("r.csv");
        Path export = dir.resolve("e.json");
        assertThat(cli("sweep", sweep.toString(), "--out", csv.toString()).code()).isZero();
        assertThat(cli("export", trace.toString(), "--format", "perfetto", "--out", export.toString()).code()).isZero();
        Path derived = dir.resolve("d.json");
        assertThat(cli("derive", trace.toString(), "--out", derived.toString()).code()).isZero();
        for (Path out : new Path[] {trace, csv, export, derived}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).as(out.toString())
                    .isEqualTo(umask);
        }
    }

    @Test
    void devicesAndFifosAreWrittenInPlace() throws Exception {
        assertThat(cli("run", scenario.toString(), "--out", "/dev/null").code()).isZero();
        assertThat(Files.readAttributes(Path.of("/dev/null"), PosixFileAttributes.class).isOther()).isTrue();

        Path fifo = dir.resolve("csv-pipe");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(cli("export", trace.toString(), "--format", "csv", "--out", fifo.toString()).code()).isZero();
        assertThat(read.get()).startsWith("row,kind,start_ms,end_ms,");
        assertThat(Files.readAttributes(fifo, PosixFileAttributes.class).isOther()).isTrue();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aWriteFailureHalfWayNamesOutAndLeavesNoTemporaryFile() throws Exception {
        // A child JVM whose files may not grow past 100 blocks of 512 bytes (ulimit -f): the trace's temporary file
        // fails half-way with EFBIG, as a full disk would with ENOSPC (the JVM ignores SIGXFSZ, so write fails).
        Path out = dir.resolve("big.jsonl");
        Path err = dir.resolve("child.err");
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "ulimit -f 100; exec \"$@\"", "sh"));
        command.addAll(lockscope("run", "article", "--duration", "600000", "--out", out.toString()));
        Process child = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();

        assertThat(child.waitFor()).isEqualTo(1);
        assertThat(Files.readString(err)).isEqualTo("lockscope: " + out + ": cannot write: file too large\n");
        assertThat(out).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    /** The command line of a child JVM running lockscope with the tests' class path. */
    private static List<String> lockscope(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    @Test
    void stdoutRedirectedToAFileIsWrittenThroughNotReplaced() throws Exception {
        // What the shell's ">> all.csv" and "> run.txt" do to a child; a rename would have replaced all.csv.
        Path reference = dir.resolve("reference.csv");
        CliTest.Result exported = cli("export", trace.toString(), "--format", "csv", "--out", reference.toString());
        Path all = Files.writeString(dir.resolve("all.csv"), "previous content\n");
        Process append = new ProcessBuilder(lockscope("export", trace.toString(), "--format", "csv", "--out",
                "/dev/stdout")).redirectOutput(ProcessBuilder.Redirect.appendTo(all.toFile())).start();
        assertThat(append.waitFor()).isZero();
        assertThat(Files.readString(all)).isEqualTo("previous content\n" + Files.readString(reference)
                + exported.out().replace(reference.toString(), "/dev/stdout"));

        Path referenceTrace = dir.resolve("reference.jsonl");
        CliTest.Result ran = cli("run", scenario.toString(), "--out", referenceTrace.toString());
        Path both = dir.resolve("run.txt");
        Process run = new ProcessBuilder(lockscope("run", scenario.toString(), "--out", "/dev/stdout"))
                .redirectOutput(both.toFile()).start();
        assertThat(run.waitFor()).isZero();
        assertThat(Files.readString(both)).isEqualTo(Files.readString(referenceTrace) + ran.out());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aWriteFailureNamesOutNotTheTemporaryFile() {
        CliTest.Result r = cli("export", trace.toString(), "--format", "perfetto", "--out", "/dev/full");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("lockscope: /dev/full: cannot write: no space left on device\n");
    }
}
