package dev.lockscope.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules of {@link AtomicOutput}: permissions, devices and FIFOs, links, leftovers and their clean-up, errors. */
class AtomicOutputTest {
    @TempDir
    Path dir;

    private static void write(Path target, String text) throws Exception {
        AtomicOutput.write(target, out -> {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            return null;
        });
    }

    private String[] files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    /** A temporary file name as a writer with process id {@code pid} makes it. */
    private Path tempOf(String target, long pid) throws IOException {
        Path temp = dir.resolve("." + target + "." + pid + ".0123456789abcdef.tmp");
        Files.writeString(temp, "half a file");
        return temp;
    }

    /** The id of a process that has ended. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void theResultHasTheUmasksPermissionsLikeAnyNewFile() throws Exception {
        Path reference = Files.createFile(dir.resolve("reference"));
        Path out = dir.resolve("out.csv");
        write(out, "a,b\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
                .isEqualTo(PosixFilePermissions.toString(Files.getPosixFilePermissions(reference)));
    }

    @Test
    void aDeviceIsWrittenInPlaceNotReplaced() throws Exception {
        Path devNull = Path.of("/dev/null");
        write(devNull, "gone");
        PosixFileAttributes after = Files.readAttributes(devNull, PosixFileAttributes.class);
        assertThat(after.isOther()).as("still a device").isTrue();
    }

    @Test
    void aFifoIsWrittenInPlace() throws Exception {
        Path fifo = dir.resolve("pipe");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        write(fifo, "through the pipe\n");

        assertThat(read.get()).isEqualTo("through the pipe\n");
        assertThat(Files.readAttributes(fifo, PosixFileAttributes.class).isOther()).as("still a FIFO").isTrue();
        assertThat(files()).containsExactly("pipe");
    }

    @Test
    void aRegularFileBehindAnOpenDescriptorIsAppendedToNotReplaced() throws Exception {
        Path file = Files.writeString(dir.resolve("log.csv"), "old\n");
        Object inode = Files.readAttributes(file, PosixFileAttributes.class).fileKey();
        try (FileChannel open = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            Path descriptor;
            try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
                String real = file.toRealPath().toString();
                descriptor = fds.filter(fd -> real.equals(readLink(fd))).findFirst().orElseThrow();
            }
            assertThat(AtomicOutput.writesInPlace(descriptor)).isTrue();
            write(descriptor, "new\n");
        }

        // Another process's descriptor, as /proc shows it, is opened and appended to.
        Process other = new ProcessBuilder("sleep", "600").redirectOutput(ProcessBuilder.Redirect.appendTo(file.toFile()))
                .start();
        try {
            write(Path.of("/proc", Long.toString(other.pid()), "fd", "1"), "theirs\n");
        } finally {
            other.destroy();
        }

        assertThat(Files.readString(file)).isEqualTo("old\nnew\ntheirs\n");
        assertThat(Files.readAttributes(file, PosixFileAttributes.class).fileKey()).as("the same file").isEqualTo(inode);
        assertThat(files()).containsExactly("log.csv");
        assertThat(AtomicOutput.writesInPlace(file)).isFalse();
        assertThat(AtomicOutput.writesInPlace(Path.of("/dev/null"))).isTrue();
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException gone) {
            return "";
        }
    }

    @Test
    void aSymbolicLinkStaysAndTheFileItPointsToIsReplaced() throws Exception {
        Path real = Files.writeString(dir.resolve("real.csv"), "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), real.getFileName());
        write(link, "new\n");

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("new\n");
        assertThat(files()).containsExactly("link.csv", "real.csv");
    }

    @Test
    void aDanglingLinkStaysAndTheFileItNamesIsCreated() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), Path.of("new.csv"));
        Path chain = Files.createSymbolicLink(dir.resolve("chain.csv"), link.getFileName());
        write(chain, "made\n");

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.isSymbolicLink(chain)).isTrue();
        assertThat(Files.readString(dir.resolve("new.csv"))).isEqualTo("made\n");
        assertThat(files()).containsExactly("chain.csv", "link.csv", "new.csv");
    }

    @Test
    void aFailedWriteLeavesTheTargetAsItWasAndNoTemporaryFile() throws Exception {
        Path out = Files.writeString(dir.resolve("out.csv"), "old\n");
        assertThatThrownBy(() -> AtomicOutput.write(out, o -> {
            o.write("half".getBytes(StandardCharsets.UTF_8));
            throw new InputException("in.json", 3, "x", "bad");
        })).isInstanceOf(InputException.class);

        assertThat(Files.readString(out)).isEqualTo("old\n");
        assertThat(files()).containsExactly("out.csv");
    }

    @Test
    void aDeadWritersLeftoverIsRemovedByTheNextWrite() throws Exception {
        Path stale = tempOf("out.csv", deadPid());
        write(dir.resolve("out.csv"), "x\n");

        assertThat(stale).doesNotExist();
        assertThat(files()).containsExactly("out.csv");
    }

    @Test
    void aLiveWritersTemporaryFileIsNeverTouched() throws Exception {
        Path out = dir.resolve("out.csv");
        // Another writer of this process, half-way: its file carries this process's id and is locked.
        try (AtomicOutput.Pending first = AtomicOutput.open(out)) {
            first.stream().write("first\n".getBytes(StandardCharsets.UTF_8));
            write(out, "second\n");
            assertThat(files()).hasSize(2);
            first.commit();
        }
        assertThat(Files.readString(out)).isEqualTo("first\n");
        assertThat(files()).containsExactly("out.csv");

        // A process that is alive and started before the file was written (init) may be its writer.
        Path init = tempOf("out.csv", 1);
        write(out, "third\n");
        assertThat(init).exists();
    }

    @Test
    void aLockedLeftoverIsKeptEvenIfItsProcessIsGone() throws Exception {
        Path locked = tempOf("out.csv", deadPid());
        try (FileChannel channel = FileChannel.open(locked, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            write(dir.resolve("out.csv"), "x\n");
            assertThat(locked).exists();
        }
    }

    @Test
    void temporaryFilesOfOtherNamesAreLeftAlone() throws Exception {
        long dead = deadPid();
        tempOf("other.csv", dead);
        tempOf("out.csv.bak", dead);
        Files.writeString(dir.resolve(".out.csv.tmp"), "mine");
        Files.writeString(dir.resolve(".out.csv.12.not-hex.tmp"), "mine");
        write(dir.resolve("out.csv"), "x\n");

        assertThat(files()).containsExactly(".other.csv." + dead + ".0123456789abcdef.tmp", ".out.csv.12.not-hex.tmp",
                ".out.csv.bak." + dead + ".0123456789abcdef.tmp", ".out.csv.tmp", "out.csv");
    }

    @Test
    void errorsNameTheTargetNotTheTemporaryFile() {
        Path missing = dir.resolve("no-such-dir").resolve("out.csv");
        assertThatThrownBy(() -> write(missing, "x")).isInstanceOf(FileSystemException.class)
                .hasMessage(missing + ": cannot write: no such file or directory");
        assertThatThrownBy(() -> write(Path.of("/dev/full"), "x".repeat(1 << 17))).isInstanceOf(IOException.class)
                .hasMessage("/dev/full: cannot write: no space left on device");
        assertThat(Files.exists(Path.of("/dev/full"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
}
