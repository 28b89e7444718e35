package com.fairtradeworker.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP relay in front of the test SMTP server that a test can close: while closed, every connection is greeted with
 * {@code 421} and hung up, as a relay in trouble does. The SMTP server behind it keeps running, so no delivered message
 * is lost and the application's port never changes.
 */
final class SmtpGate {

    private static final byte[] SERVICE_UNAVAILABLE =
            "421 4.3.2 Service not available (test outage)\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicBoolean open = new AtomicBoolean(true);

    private SmtpGate(ServerSocket listener, int targetPort) {
        this.listener = listener;
        this.targetPort = targetPort;
    }

    static SmtpGate inFrontOf(int targetPort) {
        try {
            ServerSocket listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SmtpGate gate = new SmtpGate(listener, targetPort);
            daemon("smtp-gate-accept", gate::acceptForever).start();
            return gate;
        } catch (IOException e) {
            throw new IllegalStateException("Could not open the SMTP gate", e);
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    void open() {
        open.set(true);
    }

    void close() {
        open.set(false);
    }

    private void acceptForever() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (open.get()) {
                    relay(client);
                } else {
                    refuse(client);
                }
            } catch (IOException e) {
                // one failed connection; keep serving the next
            }
        }
    }

    private static void refuse(Socket client) {
        try (client) {
            client.getOutputStream().write(SERVICE_UNAVAILABLE);
            client.getOutputStream().flush();
        } catch (IOException e) {
            // the client went away first
        }
    }

    private void relay(Socket client) throws IOException {
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        daemon("smtp-gate-up", () -> pump(client, server)).start();
        daemon("smtp-gate-down", () -> pump(server, client)).start();
    }

    private static void pump(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
        } catch (IOException e) {
            // either side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }
}
