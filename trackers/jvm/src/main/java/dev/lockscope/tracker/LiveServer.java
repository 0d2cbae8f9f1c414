package dev.lockscope.tracker;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The live trace server: a TCP socket on 127.0.0.1 only (never another interface: traces show a program's
 * code and thread names), one daemon thread accepting, one {@link Sink} per client.
 *
 * <p><b>Per client.</b> Each connection is its own stream: a version-2 header line, then the events from that
 * moment on as uncompressed JSON lines, with its own {@code spawn}, {@code lock} and {@code site} declarations.
 * The server never reads from clients.
 *
 * <p><b>Slow clients.</b> A client's queue holds {@code clientQueueBytes}; a client that falls further behind is
 * disconnected at once (its stream stops without an {@code end}, which readers report as cut off), with one line
 * on standard error. The program never waits for a client.
 *
 * <p><b>Closing.</b> {@link #close()} stops accepting, gives every client its {@code end} and, all together, up to
 * one second to receive what is queued, then closes them.
 */
final class LiveServer {
    private static final long CLOSE_WAIT_MILLIS = 1000;

    private final ServerSocket socket;
    private final int clientQueueBytes;
    private final Set<Sink> clients = ConcurrentHashMap.newKeySet();
    private boolean closed; // guarded by this

    private LiveServer(ServerSocket socket, int clientQueueBytes) {
        this.socket = socket;
        this.clientQueueBytes = clientQueueBytes;
    }

    /** Binds 127.0.0.1:{@code port} ({@code 0}: any free port) and starts accepting. */
    static LiveServer start(int port, int clientQueueBytes) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: expected 0-65535, got " + port);
        }
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        LiveServer server = new LiveServer(socket, clientQueueBytes);
        Thread acceptor = new Thread(server::acceptClients, "lockscope-live " + server.address());
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** The clients connected now. */
    int clientCount() {
        return clients.size();
    }

    void close() {
        List<Sink> open;
        synchronized (this) {
            closed = true;
            open = List.copyOf(clients);
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // The accept loop ends either way.
        }
        for (Sink client : open) {
            Hub.end(client);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        for (Sink client : open) {
            try {
                // One second for all of them together; at least 1 ms each (0 would mean no limit).
                client.awaitWritten(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (IOException ignored) {
                // A client that went away while its end was sent: nothing is lost that it wanted.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            client.drop();
        }
    }

    private void acceptClients() {
        while (true) {
            Socket connection;
            try {
                connection = socket.accept();
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    System.err.println("lockscope: live server " + address() + " stopped: " + e);
                }
                return;
            }
            open(connection);
        }
    }

    private void open(Socket connection) {
        try {
            connection.setTcpNoDelay(true);
            connection.shutdownInput(); // never read: what a client sends is discarded
            Sink sink = new Sink("live client " + connection.getRemoteSocketAddress(),
                    new BufferedOutputStream(connection.getOutputStream(), 8192), connection, clientQueueBytes,
                    Sink.Policy.DISCONNECT, this::clientExited);
            synchronized (this) {
                if (closed) {
                    connection.close();
                    return;
                }
                clients.add(sink);
                Hub.attach(sink);
            }
        } catch (SocketException e) {
            closeQuietly(connection); // it went away while connecting
        } catch (IOException e) {
            closeQuietly(connection);
            System.err.println("lockscope: live client " + connection.getRemoteSocketAddress() + " refused: " + e);
        }
    }

    private void clientExited(Sink sink) {
        Hub.detach(sink);
        clients.remove(sink);
        if (sink.wasDropped() && !isClosed()) {
            System.err.println("lockscope: " + sink.description() + " fell more than " + sink.capacity()
                    + " bytes behind; disconnected");
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private static void closeQuietly(Socket connection) {
        try {
            connection.close();
        } catch (IOException ignored) {
            // Nothing more to do for a connection being abandoned.
        }
    }
}
