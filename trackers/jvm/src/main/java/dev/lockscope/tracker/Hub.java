package dev.lockscope.tracker;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * The process-wide tracking state behind {@link LockscopeTracker}: the recorder that tracked locks report to,
 * the file recording and the live server.
 *
 * <p><b>Why static.</b> Tracked locks are created anywhere in a program, by code that knows nothing of
 * Lockscope ({@code new TrackedReentrantLock()} is the whole integration), so they can only find the recorder
 * through a global. It is one volatile field, {@link #active}; the rest is guarded by one monitor and only
 * changes when a stream opens or closes.
 *
 * <p><b>Cost when idle.</b> {@link #active} is null whenever no stream is open (no file, no connected client),
 * and a lock method then does nothing but read it. The class initialiser, run by the first lock method (or the
 * first call to {@link LockscopeTracker}), starts recording or serving if {@code -Dlockscope.trace} /
 * {@code LOCKSCOPE_TRACE} or {@code -Dlockscope.serve} / {@code LOCKSCOPE_SERVE} ask for it, so that check costs
 * nothing afterwards.
 *
 * <p><b>Lock order.</b> {@code LiveServer}'s monitor, then {@link #TRANSITIONS}, then the recorder's lock, then
 * a queue's lock. Writer threads take {@link #TRANSITIONS} only after they stopped draining, and the recorder's
 * lock only by trying it ({@link Recorder#writeExits}).
 */
final class Hub {
    /** The session events go to; null when no stream is open. Read once per lock operation. */
    static volatile Recorder active;

    /** A file queue: about 10,000 events of room before a recording thread waits for the disk. */
    static final int FILE_QUEUE_BYTES = 1 << 20;
    /** A live client may fall this far behind before it is disconnected. */
    static final int CLIENT_QUEUE_BYTES = 1 << 20;
    private static final int FILE_BUFFER_BYTES = 64 * 1024;

    private static final Object TRANSITIONS = new Object();
    private static Sink file; // guarded by TRANSITIONS, as are the next two
    private static LiveServer server;
    private static boolean hookInstalled;

    // Last: the fields above must be initialised when it runs.
    static {
        startFromEnvironment();
    }

    private Hub() {
    }

    static void record(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        synchronized (TRANSITIONS) {
            if (file != null) {
                throw new IllegalStateException("already recording to " + file.description());
            }
            OutputStream out = open(path);
            Sink sink = new Sink(path.toString(), out, out, FILE_QUEUE_BYTES, Sink.Policy.WAIT, Hub::fileWriterExited);
            attach(sink);
            file = sink;
            installShutdownHook();
        }
    }

    static void stopRecording() throws IOException {
        Sink sink;
        synchronized (TRANSITIONS) {
            sink = file;
            if (sink == null) {
                return;
            }
            file = null;
            end(sink);
        }
        try {
            sink.awaitWritten(0); // outside TRANSITIONS: the writer takes it when it stops
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + sink.description() + " was being written");
        }
    }

    static int serve(int port, int clientQueueBytes) throws IOException {
        synchronized (TRANSITIONS) {
            if (server != null) {
                throw new IllegalStateException("already serving on " + server.address());
            }
            server = LiveServer.start(port, clientQueueBytes);
            installShutdownHook();
            return server.address().getPort();
        }
    }

    static void stopServing() {
        LiveServer stopped;
        synchronized (TRANSITIONS) {
            stopped = server;
            server = null;
        }
        if (stopped != null) {
            stopped.close(); // outside TRANSITIONS: it ends its clients through this class
        }
    }

    /** The live server, or null; for tests. */
    static LiveServer server() {
        synchronized (TRANSITIONS) {
            return server;
        }
    }

    /** Opens {@code sink} in the current session, starting a session if none is open. */
    static void attach(Sink sink) {
        synchronized (TRANSITIONS) {
            Recorder recorder = active;
            if (recorder == null) {
                recorder = new Recorder();
            }
            recorder.attach(sink);
            active = recorder;
        }
    }

    /** Writes {@code sink}'s {@code end} and closes it, unless it was closed already. */
    static void end(Sink sink) {
        synchronized (TRANSITIONS) {
            Recorder recorder = active;
            if (recorder != null) {
                recorder.end(sink);
                endSessionIfIdle(recorder);
            }
        }
    }

    /** Forgets {@code sink}, whose writer stopped; ends the session if it was the last stream. */
    static void detach(Sink sink) {
        synchronized (TRANSITIONS) {
            Recorder recorder = active;
            if (recorder != null) {
                recorder.detach(sink);
                endSessionIfIdle(recorder);
            }
        }
    }

    private static void endSessionIfIdle(Recorder recorder) {
        if (recorder.isIdle()) {
            active = null;
        }
    }

    private static void fileWriterExited(Sink sink) {
        detach(sink);
        if (sink.failure() != null) {
            System.err.println("lockscope: writing " + sink.description() + " failed, recording stopped: " + sink.failure());
        }
    }

    private static OutputStream open(Path path) throws IOException {
        OutputStream raw = new BufferedOutputStream(Files.newOutputStream(path), FILE_BUFFER_BYTES);
        if (!path.getFileName().toString().endsWith(".gz")) {
            return raw;
        }
        try {
            // syncFlush: each flush ends a deflate block, so what was flushed can be decompressed after a crash.
            return new GZIPOutputStream(raw, FILE_BUFFER_BYTES, true);
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    private static void installShutdownHook() {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(Hub::shutdown, "lockscope-shutdown"));
            hookInstalled = true;
        }
    }

    /** At JVM exit: every stream gets its {@code end} and is closed. */
    private static void shutdown() {
        try {
            stopRecording();
        } catch (IOException e) {
            System.err.println("lockscope: " + e.getMessage());
        }
        stopServing();
    }

    private static void startFromEnvironment() {
        String trace = setting("lockscope.trace", "LOCKSCOPE_TRACE");
        if (trace != null) {
            try {
                record(Path.of(trace));
            } catch (IOException | RuntimeException e) {
                System.err.println("lockscope: cannot record to " + trace + ": " + e);
            }
        }
        String serve = setting("lockscope.serve", "LOCKSCOPE_SERVE");
        if (serve != null) {
            try {
                int port = serve(Integer.parseInt(serve.strip()), CLIENT_QUEUE_BYTES);
                System.err.println("lockscope: serving live traces on 127.0.0.1:" + port);
            } catch (IOException | RuntimeException e) {
                System.err.println("lockscope: cannot serve on port " + serve + ": " + e);
            }
        }
    }

    /** The system property, else the environment variable; null if neither is set to something non-blank. */
    private static String setting(String property, String variable) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? null : value;
    }
}
