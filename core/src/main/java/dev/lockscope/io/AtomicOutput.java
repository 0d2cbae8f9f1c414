package dev.lockscope.io;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a file all or nothing. Rules:
 *
 * <ul>
 *   <li><b>Regular files</b> (or a name that does not exist yet): the content goes to a hidden temporary file
 *       in the target's directory, {@code .NAME.PID.RANDOM.tmp}, which is renamed over the target
 *       ({@code ATOMIC_MOVE}) only when the content is complete. Readers see the old file or the whole new one;
 *       a failure (bad input half-way, a full disk) leaves the target untouched and removes the temporary
 *       file. A symbolic link is followed: the file it points to is replaced (or created, if the link dangles)
 *       and the link stays ({@link #replacedFile}).</li>
 *   <li><b>Anything else that exists</b> (a device such as {@code /dev/null}, a FIFO, a terminal,
 *       {@code /dev/stdout}) is written directly, never replaced: renaming a file over {@code /dev/full} would
 *       turn the device into a plain file. Such output is not atomic.</li>
 *   <li><b>Open descriptors</b> ({@code /dev/stdout}, {@code /dev/stderr}, {@code /dev/fd/N},
 *       {@code /proc/self/fd/N}) are written through, even when the shell pointed them at a regular file: the
 *       file is never replaced, so {@code --out /dev/stdout >> all.csv} appends to {@code all.csv} and
 *       {@code > out.csv} keeps what the command prints after the content. Standard output and error are written
 *       through the process's own descriptors (the shell's offset and append mode hold), other descriptors
 *       appending.</li>
 *   <li><b>Permissions</b>: the temporary file is created like any new file, so the result gets the
 *       process's umask (0644 under the usual 022), the same for every command.</li>
 *   <li><b>Leftovers</b>: a temporary file is deleted when the JVM shuts down (normal exit, Ctrl-C, SIGTERM;
 *       {@link java.io.File#deleteOnExit}), and the writer holds an exclusive lock on it while it writes. A
 *       process killed outright (SIGKILL, a crash, power loss) leaves it behind; the next write of the same
 *       target removes it if it is <em>stale</em>: nobody holds its lock, and the process whose id is in its
 *       name is gone (or started more than a second after the file was last written, so it is another process
 *       that got the same id). A live writer's file, in this process or another, is never touched. Temporary
 *       files of other names are left alone.</li>
 *   <li><b>Errors</b> name the target as the user gave it, never the temporary file:
 *       {@code out.csv: cannot write: no space left on device}.</li>
 * </ul>
 */
public final class AtomicOutput {
    private static final int BUFFER = 1 << 16;
    /** How much later than a temporary file's last write its writer's id may have been reused. */
    private static final Duration CLOCK_SLACK = Duration.ofSeconds(1);
    private static final Pattern TEMP_MIDDLE = Pattern.compile("(\\d+)\\.[0-9a-f]{16}");
    /** A path that names an open descriptor of a process, not a file of its own. */
    private static final Pattern DESCRIPTOR = Pattern.compile("/(?:dev|proc/(self|thread-self|\\d+))/fd/(\\d+)");
    /** What {@link #descriptor} answers for another process's descriptor: written by opening it, appending. */
    private static final int FOREIGN = Integer.MAX_VALUE;
    /** How many symbolic links {@link #descriptor} follows looking for one ({@code /dev/stdout} needs one). */
    private static final int MAX_LINKS = 8;

    private AtomicOutput() {}

    /** Produces the content of a file into a stream; the stream is closed afterwards by {@link #write}. */
    @FunctionalInterface
    public interface Body<T> {
        T writeTo(OutputStream out) throws IOException, InputException;
    }

    /** Writes {@code target} from {@code body}, all or nothing (see the class comment). */
    public static <T> T write(Path target, Body<T> body) throws IOException, InputException {
        try (Pending pending = open(target)) {
            T result;
            try (OutputStream out = pending.stream()) {
                result = body.writeTo(out);
            }
            pending.commit();
            return result;
        }
    }

    /**
     * Starts writing {@code target}: write to {@link Pending#stream()}, then {@link Pending#commit()}; closing
     * without committing abandons the content and leaves the target as it was.
     */
    public static Pending open(Path target) throws IOException {
        int descriptor = descriptor(target);
        if (descriptor >= 0 && Files.isRegularFile(target)) {
            return throughDescriptor(target, descriptor);
        }
        Path file = replacedFile(target);
        if (Files.isDirectory(file)) {
            throw new FileSystemException(target.toString(), null, "is a directory");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            try {
                return new Pending(target, null, FileChannel.open(file, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING), null, true);
            } catch (IOException e) {
                throw named(target, e);
            }
        }
        Path dir = file.toAbsolutePath().getParent();
        String name = file.getFileName().toString();
        removeStaleTemps(dir, name);
        Path temp = dir.resolve("." + name + "." + ProcessHandle.current().pid() + "."
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ".tmp");
        FileChannel channel;
        try {
            // Not createTempFile: its owner-only permissions would end up on the target; a new file gets the umask's.
            channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw named(target, e);
        }
        try {
            temp.toFile().deleteOnExit();
            return new Pending(target, temp, channel, channel.tryLock(), true);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(temp);
            if (e instanceof IOException io) {
                throw named(target, io);
            }
            throw (RuntimeException) e;
        }
    }

    /**
     * Whether {@code target} is written where it is rather than replaced (see the class comment): something that
     * exists and is not a regular file (a device, a FIFO), or an open descriptor such as {@code /dev/stdout}.
     */
    public static boolean writesInPlace(Path target) {
        return Files.exists(target) && (!Files.isRegularFile(target) || descriptor(target) >= 0);
    }

    /** A regular file reached through an open descriptor: written through it, never replaced. */
    private static Pending throughDescriptor(Path target, int descriptor) throws IOException {
        try {
            if (descriptor == 1 || descriptor == 2) {
                // This process's own stream, not a new opening of its file: the shell's offset and append mode hold.
                @SuppressWarnings("resource") // the channel must not close the process's standard stream
                FileChannel channel = new FileOutputStream(descriptor == 1 ? FileDescriptor.out : FileDescriptor.err)
                        .getChannel();
                return new Pending(target, null, channel, null, false);
            }
            return new Pending(target, null, FileChannel.open(target, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND), null, true);
        } catch (IOException e) {
            throw named(target, e);
        }
    }

    /**
     * The number of this process's descriptor that {@code target} names ({@code /dev/stdout} is a link to
     * {@code /proc/self/fd/1}), {@link #FOREIGN} for another process's, or -1 when it names a file of its own.
     */
    private static int descriptor(Path target) {
        Path path = target.toAbsolutePath().normalize();
        try {
            for (int links = 0; links <= MAX_LINKS; links++) {
                Matcher m = DESCRIPTOR.matcher(path.toString());
                if (m.matches()) {
                    boolean own = m.group(1) == null || !Character.isDigit(m.group(1).charAt(0))
                            || m.group(1).equals(Long.toString(ProcessHandle.current().pid()));
                    return own && m.group(2).length() < 10 ? Integer.parseInt(m.group(2)) : FOREIGN;
                }
                if (!Files.isSymbolicLink(path)) {
                    return -1;
                }
                path = path.resolveSibling(Files.readSymbolicLink(path)).normalize();
            }
        } catch (IOException | RuntimeException e) {
            // Unreadable link: not a descriptor we can tell; the write reports any real problem.
        }
        return -1;
    }

    /**
     * A file being written. Single-threaded. {@link #commit} completes it; {@link #close} without a commit
     * abandons it (the temporary file is deleted, the target untouched).
     */
    public static final class Pending implements AutoCloseable {
        private final Path target;
        private final Path temp;
        private final FileChannel channel;
        private final FileLock lock;
        private final OutputStream stream;
        /** False for this process's standard output or error, which stay open for what the command prints. */
        private final boolean closes;
        private boolean done;

        private Pending(Path target, Path temp, FileChannel channel, FileLock lock, boolean closes) {
            this.target = target;
            this.temp = temp;
            this.channel = channel;
            this.lock = lock;
            this.closes = closes;
            this.stream = new NamedStream(target, new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER));
        }

        /** The target as the user named it. */
        public Path target() {
            return target;
        }

        /**
         * Where the content goes. Closing it only flushes: the file stays open until {@link #commit} or
         * {@link #close}, so wrappers (gzip, a JSON generator) may close it when they finish.
         */
        public OutputStream stream() {
            return stream;
        }

        /** Completes the file: flushes it and, unless it is written directly, renames it over the target. */
        public void commit() throws IOException {
            if (done) {
                throw new IllegalStateException("already committed or abandoned: " + target);
            }
            stream.flush();
            try {
                if (temp != null) {
                    // Renamed while still locked, so that no other writer's clean-up can take it for stale.
                    Files.move(temp, replacedFile(target), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                }
                done = true;
                if (closes) {
                    channel.close();
                }
            } catch (IOException e) {
                throw named(target, e);
            } finally {
                if (!done) {
                    close();
                }
            }
        }

        /** Abandons the file unless it was committed. */
        @Override
        public void close() {
            if (done) {
                return;
            }
            done = true;
            try {
                if (lock != null && lock.isValid()) {
                    lock.release();
                }
                if (closes) {
                    channel.close();
                }
            } catch (IOException e) {
                // The content is being given up; a failure to close it changes nothing for the caller.
            }
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // Left for the next write's clean-up (and the shutdown hook); the target itself is intact.
                }
            }
        }
    }

    /** Failures while writing name the target, not the temporary file; close() only flushes. */
    private static final class NamedStream extends FilterOutputStream {
        private final Path target;

        NamedStream(Path target, OutputStream out) {
            super(out);
            this.target = target;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw named(target, e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw named(target, e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw named(target, e);
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** {@code e} as a failure to write {@code target}: {@code out.csv: cannot write: permission denied}. */
    static FileSystemException named(Path target, IOException e) {
        if (e instanceof FileSystemException f && target.toString().equals(f.getFile())) {
            return f;
        }
        FileSystemException named = new FileSystemException(target.toString(), null, "cannot write: "
                + FileProblem.describe(e));
        named.initCause(e);
        return named;
    }

    /**
     * The file that writing {@code target} replaces or creates: where a symbolic link points, through a chain of
     * links and also when that file does not exist yet (as a shell's {@code >} creates it), so that the link stays;
     * otherwise {@code target} itself.
     */
    public static Path replacedFile(Path target) {
        if (!Files.isSymbolicLink(target)) {
            return target;
        }
        try {
            return target.toRealPath();
        } catch (IOException dangling) {
            Path file = target.toAbsolutePath();
            try {
                for (int links = 0; links < MAX_LINKS && Files.isSymbolicLink(file); links++) {
                    file = file.resolveSibling(Files.readSymbolicLink(file)).normalize();
                }
            } catch (IOException unreadable) {
                return target;
            }
            return Files.isSymbolicLink(file) ? target : file; // a loop of links: the write reports it
        }
    }

    /** Deletes the stale temporary files of {@code name} in {@code dir} (see the class comment). */
    private static void removeStaleTemps(Path dir, String name) {
        String prefix = "." + name + ".";
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir,
                p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(".tmp"))) {
            for (Path temp : temps) {
                String file = temp.getFileName().toString();
                Matcher m = TEMP_MIDDLE.matcher(file.substring(prefix.length(), file.length() - ".tmp".length()));
                if (m.matches() && m.group(1).length() < 19) {
                    deleteIfStale(temp, Long.parseLong(m.group(1)));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Cleaning up is a courtesy: an unreadable directory fails the write itself, with its own message.
        }
    }

    private static void deleteIfStale(Path temp, long pid) {
        try {
            FileTime written = Files.getLastModifiedTime(temp);
            Optional<ProcessHandle> writer = ProcessHandle.of(pid);
            if (writer.isPresent()) {
                Optional<Instant> started = writer.get().info().startInstant();
                if (started.isEmpty() || !started.get().isAfter(written.toInstant().plus(CLOCK_SLACK))) {
                    return; // possibly its writer, alive
                }
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 FileLock lock = channel.tryLock()) {
                if (lock != null) {
                    Files.delete(temp); // while holding the lock, so no writer can be using it
                }
            }
        } catch (IOException | OverlappingFileLockException e) {
            // Locked by this process, unreadable, or gone already: not ours to delete.
        }
    }
}
