package dev.lockscope.tracker;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Starts and stops the trace streams that tracked locks ({@link TrackedReentrantLock},
 * {@link TrackedReentrantReadWriteLock}) record into: one trace file, and a live server whose every client is a
 * stream of its own. Either, both or neither may be open; while neither is, tracked locks only read one volatile
 * field per operation.
 *
 * <pre>{@code
 * LockscopeTracker.record(Path.of("room.jsonl.gz"));  // or run with -Dlockscope.trace=room.jsonl.gz
 * ... the program uses its tracked locks ...
 * LockscopeTracker.stopRecording();                    // or let the JVM exit: a shutdown hook does it
 * }</pre>
 *
 * <p><b>Streams.</b> Each stream is a Lockscope trace, format version 2 (producer {@code lockscope-jvm}): a
 * header whose {@code details} name the program ({@code sun.java.command}'s first word), the Java version, the
 * process id and the start time; then JSON lines, {@code t} in nanoseconds of {@link System#nanoTime()} since the
 * stream started, never decreasing. Threads are goroutines ({@code g} = {@link Thread#threadId()}), declared by a
 * {@code spawn} when a stream first meets them and given an {@code exit} within about 100 ms after they end
 * (stamped when the end is noticed); locks and call sites are numbered per stream.
 *
 * <p><b>Start from the environment.</b> The first use of a tracked lock (or of this class) reads
 * {@code -Dlockscope.trace=PATH} (else the variable {@code LOCKSCOPE_TRACE}) and records to that file, and
 * {@code -Dlockscope.serve=PORT} (else {@code LOCKSCOPE_SERVE}) and serves on that port (0: any; the port is
 * printed on standard error). Calling {@link #record} or {@link #serve} as well then fails as "already".
 *
 * <p><b>Exit.</b> The first stream opened installs a shutdown hook that stops recording and serving, so a
 * normal exit ends every stream with {@code end}. A killed process leaves a file of complete lines (plus perhaps
 * one cut line) up to about 100 ms before it died, which Lockscope reads as a trace cut off.
 *
 * <p>All methods are thread-safe.
 */
public final class LockscopeTracker {
    private LockscopeTracker() {
    }

    /**
     * Starts recording to {@code trace}, created or truncated; gzip-compressed if its name ends in {@code .gz}
     * (sync-flushed, so a cut recording still decompresses). Events are written by a background thread through a
     * bounded buffer: if the disk cannot keep up, recording threads wait for it rather than lose events.
     *
     * @throws IllegalStateException if a recording is already running
     * @throws IOException if the file cannot be opened
     */
    public static void record(Path trace) throws IOException {
        Hub.record(trace);
    }

    /**
     * Stops the recording: writes {@code end}, and returns once every line is in the file and it is closed. Does
     * nothing if no recording is running.
     *
     * @throws IOException if writing the file failed at any point (the recording stopped there)
     */
    public static void stopRecording() throws IOException {
        Hub.stopRecording();
    }

    /**
     * Starts the live server on 127.0.0.1 (only: never another interface) at {@code port}, 0 for any free port.
     * Every client that connects receives a version-2 header line, then the events from that moment on,
     * uncompressed, with its own declarations. A client that falls more than 1 MiB behind is disconnected (its
     * stream stops without {@code end}): a slow client never makes the program wait. The server never reads what
     * clients send.
     *
     * @return the port the server listens on
     * @throws IllegalStateException if the server is already running
     * @throws IllegalArgumentException if {@code port} is not in 0-65535
     * @throws IOException if the port cannot be bound
     */
    public static int serve(int port) throws IOException {
        return Hub.serve(port, Hub.CLIENT_QUEUE_BYTES);
    }

    /**
     * Stops the live server: no more connections; every client receives {@code end} and up to a second to read
     * what is queued for it, then is disconnected. Does nothing if the server is not running.
     */
    public static void stopServing() {
        Hub.stopServing();
    }
}
