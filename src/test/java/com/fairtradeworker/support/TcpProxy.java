package com.fairtradeworker.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on loopback that a test can {@link #cut()} and {@link #restore()}, to show how the service behaves
 * when a server it depends on becomes unreachable. Cutting closes the listening socket and every live connection, so
 * clients see the connection drop and new connections refused; restoring listens on the same port again.
 */
public final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final Set<Socket> liveSockets = ConcurrentHashMap.newKeySet();
    private volatile boolean stalled;
    private ServerSocket listener;

    private TcpProxy(String targetHost, int targetPort, ServerSocket listener) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.port = listener.getLocalPort();
        accept(listener);
    }

    public static TcpProxy start(String targetHost, int targetPort) {
        return new TcpProxy(targetHost, targetPort, listen(0));
    }

    public int port() {
        return port;
    }

    /** Refuses new connections and resets the live ones. */
    public synchronized void cut() {
        closeQuietly(listener); // first, so no client reconnects in between
        listener = null;
        liveSockets.forEach(TcpProxy::reset);
        liveSockets.clear();
    }

    /**
     * Keeps connections open but silently drops every byte, like a server that hangs: clients only notice by timing
     * out. The dropped bytes leave the protocol out of step, so end a stall with {@link #cut()} and {@link #restore()}.
     */
    public void stall() {
        stalled = true;
    }

    /** Accepts connections again, on the same port, and forwards bytes again. */
    public synchronized void restore() {
        stalled = false;
        if (listener == null) {
            accept(listenAgain());
        }
    }

    public synchronized boolean isCut() {
        return listener == null;
    }

    @Override
    public void close() {
        cut();
    }

    /** The port can stay taken for a moment by a connection that is still closing, so try for a few seconds. */
    private ServerSocket listenAgain() {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            try {
                return listen(port);
            } catch (UncheckedIOException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
                sleep(Duration.ofMillis(50));
            }
        }
    }

    private static ServerSocket listen(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not listen on loopback port " + port, e);
        }
    }

    private synchronized void accept(ServerSocket socket) {
        listener = socket;
        daemon("tcp-proxy-accept-" + port, () -> acceptUntilClosed(socket));
    }

    private void acceptUntilClosed(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                forward(socket, client);
            } catch (IOException e) {
                return; // the listener was closed by cut()
            }
        }
    }

    private void forward(ServerSocket acceptedBy, Socket client) {
        Socket upstream;
        try {
            upstream = new Socket(targetHost, targetPort);
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        liveSockets.add(client);
        liveSockets.add(upstream);
        if (acceptedBy.isClosed()) { // cut() ran while this connection was being set up
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        pump(client, upstream);
        pump(upstream, client);
    }

    private void pump(Socket from, Socket to) {
        daemon("tcp-proxy-pump-" + port, () -> {
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                byte[] buffer = new byte[8192];
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    if (!stalled) {
                        out.write(buffer, 0, read);
                    }
                }
            } catch (IOException e) {
                // one side went away: the finally block ends the other side too
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                liveSockets.remove(from);
                liveSockets.remove(to);
            }
        });
    }

    /** Closes with a reset rather than a graceful close, like a dropped link, and frees the port at once. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // already closed
        }
        closeQuietly(socket);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // closing is best effort: the point is that the peer sees the connection end
        }
    }
}
