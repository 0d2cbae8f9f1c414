package dev.lockscope.run;

import dev.lockscope.detect.StreamDetectors;
import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import dev.lockscope.model.DetectorConfig;
import dev.lockscope.trace.ReadResult;
import dev.lockscope.trace.TraceFile;
import dev.lockscope.trace.TraceReader;
import dev.lockscope.trace.TraceWriter;
import dev.lockscope.trace.store.TraceStore;
import dev.lockscope.trace.store.TraceView;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;

/**
 * A tracked program's live event stream (trackers/go {@code Serve}, trackers/jvm {@code serve}; docs/attach.md),
 * shown as a run: one thread reads the connection into a {@link TraceStore}, a {@link RunMonitor} and the
 * detectors ({@link StreamDetectors}), and publishes a {@link Snapshot} that the lab polls, as it polls a
 * simulation. Nothing here changes the program; the one command is recording what arrives to a file.
 *
 * <p><b>Time.</b> Events carry the program's clock (nanoseconds since it began serving). Between events,
 * {@link #nowNs()} moves on with this machine's monotonic clock from the last event's arrival, so the lab's "now"
 * follows the program while it is quiet.
 *
 * <p><b>Safety and threads.</b> It connects to the loopback address only. The reader thread owns the store's
 * writer side, the monitor and the recorder; commands reach it through a queue it drains whenever it waits for
 * bytes; snapshots are immutable and published through a volatile field.
 */
public final class AttachedRun implements AutoCloseable {
    /** How often, in events, the reader publishes a snapshot while events pour in, and at least how often in time. */
    private static final int PUBLISH_EVERY = 512;
    private static final long PUBLISH_NS = 30_000_000L;

    /**
     * What the lab shows of an attached program at one moment.
     *
     * @param connected false once the program stopped serving or the connection broke
     * @param problem   why the stream ended, when that was not the program's own end
     */
    public record Snapshot(long version, String name, TraceFile.Header header, TraceStore store,
                           RunMonitor.Log<TraceEvent.Alert> alerts, RunMonitor.Log<MetricSample> samples,
                           RunStatus status, long lastEventNs, boolean connected, Optional<Path> recording,
                           Optional<String> problem) {}

    private final String address;
    private final Socket socket;
    private final LongSupplier clock;
    private final TraceStore store = new TraceStore();
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private volatile Snapshot snapshot;
    private volatile String failure;
    private volatile long lastEventLocalNs;
    private volatile boolean closing;

    // Reader thread only.
    private TraceFile.Header header;
    private RunMonitor monitor;
    private TraceWriter recorder;
    private Path recordingFile;
    private long version;
    private long lastEventNs;
    private long eventsSincePublish;
    private long lastPublishLocal;

    private AttachedRun(String address, Socket socket, LongSupplier clock) {
        this.address = address;
        this.socket = socket;
        this.clock = clock;
    }

    /**
     * Connects to a tracked program serving on {@code port} of this machine's loopback address, and starts
     * reading; the first snapshot comes with the stream's header.
     *
     * @throws InputException if {@code port} is not a port, or nothing serves there
     */
    public static AttachedRun connect(int port) throws InputException {
        if (port < 1 || port > 65_535) {
            throw new InputException("attach", 0, "port", "expected a port from 1 to 65535, got " + port);
        }
        String address = "127.0.0.1:" + port;
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing was opened
            }
            throw new InputException(address, 0, "", "nothing serves a trace there; start the program with "
                    + "-Dlockscope.serve=" + port + " (JVM) or lockscope.Serve(\"127.0.0.1:" + port + "\") (Go)");
        }
        AttachedRun run = new AttachedRun(address, socket, System::nanoTime);
        Thread.ofPlatform().daemon().name("lockscope-attach-" + port).start(run::readAll);
        return run;
    }

    /** The latest snapshot, or {@code null} before the stream's header has arrived. */
    public Snapshot snapshot() {
        return snapshot;
    }

    /** Why the connection failed before its header arrived, if it did. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** The program's "now": its last event's time, moved on by this machine's clock since that event arrived. */
    public long nowNs() {
        Snapshot s = snapshot;
        if (s == null) {
            return 0;
        }
        return s.connected() ? s.lastEventNs() + Math.max(0, clock.getAsLong() - lastEventLocalNs) : s.lastEventNs();
    }

    /** Where the program serves, for titles and messages. */
    public String address() {
        return address;
    }

    /**
     * Records the stream into {@code file} from now on, with everything received so far written first; completes
     * once the file holds what has arrived. A recording ends without an end event (the program went on), so
     * readers call it cut off, and keep every event in it.
     */
    public CompletableFuture<Path> startRecording(Path file) {
        CompletableFuture<Path> done = new CompletableFuture<>();
        inbox.add(() -> {
            try {
                TraceWriter writer = TraceWriter.recording(file, header);
                TraceView view = store.view();
                for (int row = 0; row < view.size(); row++) {
                    writer.accept(view.event(row));
                }
                writer.flush();
                closeRecorder();
                recorder = writer;
                recordingFile = file;
                publish(true, null);
                done.complete(file);
            } catch (IOException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** Disconnects, completing the recording. */
    @Override
    public void close() {
        closing = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a broken socket is fine
        }
    }

    private void readAll() {
        String problem = null;
        try (InputStream in = new Draining(new BufferedInputStream(socket.getInputStream(), 1 << 16))) {
            ReadResult result = TraceReader.read(address, in, this::sinkFor);
            if (result.truncated() && !closing) {
                problem = address + " stopped serving before its end event";
            }
        } catch (InputException e) {
            problem = closing ? null : e.getMessage();
        } catch (IOException | RuntimeException e) {
            problem = closing ? null : "the connection to " + address + " broke: " + e.getMessage();
        } finally {
            closeRecorder();
            if (monitor != null) {
                publish(false, problem);
            } else {
                failure = problem != null ? problem : address + " closed the connection before sending a trace";
            }
            close();
        }
    }

    /** The header has arrived: events go through the detectors into the store, the monitor and the recording. */
    private EventSink sinkFor(TraceFile.Header streamHeader) {
        header = streamHeader;
        monitor = new RunMonitor(name());
        publish(true, null);
        return StreamDetectors.withAlerts(header, DetectorConfig.DEFAULTS, this::take);
    }

    private void take(TraceEvent e) {
        store.accept(e);
        monitor.accept(e);
        if (recorder != null) {
            recorder.accept(e);
        }
        lastEventNs = e.time();
        lastEventLocalNs = clock.getAsLong();
        if (++eventsSincePublish >= PUBLISH_EVERY || clock.getAsLong() - lastPublishLocal > PUBLISH_NS) {
            publish(true, null);
        }
    }

    private String name() {
        return header.name(Path.of(address.replace(':', '-')));
    }

    /** The connection's bytes; whenever no more are ready, it publishes what arrived and runs posted commands. */
    private final class Draining extends FilterInputStream {
        Draining(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (in.available() == 0) {
                Runnable r;
                while ((r = inbox.poll()) != null) {
                    r.run();
                }
                if (monitor != null && eventsSincePublish > 0) {
                    publish(true, null);
                }
            }
            return in.read(b, off, len);
        }
    }

    private void publish(boolean connected, String problem) {
        eventsSincePublish = 0;
        lastPublishLocal = clock.getAsLong();
        monitor.advanceTo(lastEventNs);
        if (recorder != null) {
            recorder.flush();
        }
        snapshot = new Snapshot(++version, name(), header, store, monitor.alerts(), monitor.samples(),
                monitor.status(), lastEventNs, connected, Optional.ofNullable(recordingFile),
                Optional.ofNullable(problem));
    }

    private void closeRecorder() {
        if (recorder != null) {
            recorder.close();
            recorder = null;
        }
    }

    @Override
    public String toString() {
        return "AttachedRun[" + address + "]";
    }
}
