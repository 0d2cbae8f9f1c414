package dev.lockscope.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class LiveServerTest {
    @TempDir
    Path dir;

    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        LockscopeTracker.stopServing();
        LockscopeTracker.stopRecording();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    @Test
    void serverListensOnLoopbackOnly() throws Exception {
        int port = LockscopeTracker.serve(0);

        InetSocketAddress address = Hub.server().address();
        assertThat(address.getAddress()).isEqualTo(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
        assertThat(address.getPort()).isEqualTo(port).isPositive();
        assertThatThrownBy(() -> LockscopeTracker.serve(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already serving on");
        LockscopeTracker.stopServing();
        assertThatThrownBy(() -> LockscopeTracker.serve(70_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port: expected 0-65535, got 70000");
        assertThat(Hub.server()).isNull();
    }

    @Test
    void clientReceivesHeaderThenDeclarationsAndEventsInOrderAndAnEndWhenServingStops() throws Exception {
        int port = LockscopeTracker.serve(0);
        Lock lock = new TrackedReentrantLock("mu");
        BufferedReader client = connect(port);
        String header = client.readLine(); // once it is here, the client is attached

        lock.lock();
        lock.unlock();
        List<String> lines = readUntil(client, "\"e\":\"release\"");
        LockscopeTracker.stopServing();
        lines.add(client.readLine());

        assertThat(client.readLine()).as("closed after the end").isNull();
        Trace trace = Trace.parse(header + "\n" + String.join("\n", lines) + "\n").checkWellFormed();
        assertThat(trace.lines()).map(Trace.Line::e)
                .containsExactly("spawn", "lock", "site", "request", "acquire", "site", "release", "end");
    }

    @Test
    void eachClientIsAStreamOfItsOwnAlongsideTheFile() throws Exception {
        int port = LockscopeTracker.serve(0);
        Path file = dir.resolve("both.jsonl");
        LockscopeTracker.record(file);
        Lock first = new TrackedReentrantLock("first");
        Lock second = new TrackedReentrantLock("second");
        BufferedReader early = connect(port);
        String earlyHeader = early.readLine();
        use(first);
        List<String> earlyLines = readUntil(early, "\"e\":\"release\"");
        BufferedReader late = connect(port);
        String lateHeader = late.readLine();
        use(second);
        use(first);
        earlyLines.addAll(readUntil(early, "\"e\":\"release\"", "\"e\":\"release\""));
        List<String> lateLines = readUntil(late, "\"e\":\"release\"", "\"e\":\"release\"");
        LockscopeTracker.stopRecording();

        Trace earlyTrace = Trace.parse(earlyHeader + "\n" + String.join("\n", earlyLines) + "\n").checkWellFormed();
        Trace lateTrace = Trace.parse(lateHeader + "\n" + String.join("\n", lateLines) + "\n").checkWellFormed();
        Trace fileTrace = Trace.read(file).checkWellFormed();
        assertThat(earlyTrace.lockId("first")).isZero();
        assertThat(earlyTrace.lockId("second")).isEqualTo(1);
        assertThat(lateTrace.lockId("second")).as("numbered in order of first use in this stream").isZero();
        assertThat(lateTrace.lockId("first")).isEqualTo(1);
        assertThat(lateTrace.lines()).filteredOn(l -> l.is("spawn")).hasSize(1);
        assertThat(fileTrace.checkLockDiscipline()).isEqualTo(3);
        assertThat(earlyTrace.checkLockDiscipline()).isEqualTo(3);
        assertThat(lateTrace.checkLockDiscipline()).isEqualTo(2);
    }

    @Test
    void aThreadThatEndsGetsAnExitInTheLiveStream() throws Exception {
        int port = LockscopeTracker.serve(0);
        Lock lock = new TrackedReentrantLock("mu");
        BufferedReader client = connect(port);
        String header = client.readLine();

        Recordings.Worker worker = Recordings.start("worker-1", () -> use(lock));
        worker.join();
        List<String> lines = readUntil(client, ThreadExitTest.exitLine(worker.g())); // the socket's timeout bounds it
        use(lock); // the test's thread, alive
        lines.addAll(readUntil(client, "\"e\":\"release\""));
        LockscopeTracker.stopServing();
        lines.add(client.readLine());

        Trace trace = Trace.parse(header + "\n" + String.join("\n", lines) + "\n").checkWellFormed();
        assertThat(trace.eventsOf(worker.g())).map(Trace.Line::e)
                .containsExactly("spawn", "request", "acquire", "release", "exit");
        assertThat(trace.eventsOf(Thread.currentThread().threadId())).map(Trace.Line::e).as("alive: no exit")
                .containsExactly("spawn", "request", "acquire", "release");
        assertThat(trace.hasEnd()).isTrue();
    }

    @Test
    void aClientThatDoesNotReadIsDroppedWithoutStallingTheProgram() throws Exception {
        int port = Hub.serve(0, 4096);
        Socket silent = new Socket();
        sockets.add(silent);
        silent.setReceiveBufferSize(4096);
        silent.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port));
        String header = readLine(silent.getInputStream()); // the client is attached and its writer running
        Lock lock = new TrackedReentrantLock("mu");

        // Kernel buffers take a few megabytes before the server's queue overflows; the loop must never wait.
        long uses = 0;
        while (Hub.server().clientCount() == 1) {
            lock.lock();
            lock.unlock();
            uses++;
        }

        assertThat(uses).isPositive();
        String received = new String(silent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Trace trace = Trace.parse(header + received).checkWellFormed();
        assertThat(trace.hasEnd()).as("a dropped stream stops without an end").isFalse();
    }

    private BufferedReader connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port);
        sockets.add(socket);
        socket.setSoTimeout(30_000); // a safety net: a missing line fails the test instead of hanging it
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    /** One line, newline included, read byte by byte so that nothing after it is consumed. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private static void use(Lock lock) {
        lock.lock();
        lock.unlock();
    }

    /** Reads lines up to and including one containing each of {@code marks} in turn. */
    private static List<String> readUntil(BufferedReader in, String... marks) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String mark : marks) {
            String line;
            do {
                line = in.readLine();
                assertThat(line).as("stream ended before " + mark).isNotNull();
                lines.add(line);
            } while (!line.contains(mark));
        }
        return lines;
    }
}
