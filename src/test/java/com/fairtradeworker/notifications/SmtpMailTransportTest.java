package com.fairtradeworker.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.InternetAddress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One SMTP connection per batch, against a minimal relay that counts connections and accepted mails and can hang up
 * after a number of mails per connection, as relays that limit a connection's messages do.
 */
class SmtpMailTransportTest {

    private Relay relay;

    @AfterEach
    void stop() throws IOException {
        relay.close();
    }

    @Test
    void theMailsOfOneBatchShareOneConnectionAndTheNextBatchOpensAnother() throws Exception {
        relay = Relay.start(Integer.MAX_VALUE);
        SmtpMailTransport transport = transport(relay);

        transport.send(mail());
        transport.send(mail());
        transport.send(mail());
        transport.batchDone();
        transport.send(mail());
        transport.batchDone();

        assertThat(relay.accepted.get()).isEqualTo(4);
        assertThat(relay.connections.get()).isEqualTo(2);
    }

    @Test
    void aMailWhoseReusedConnectionWasDroppedGoesOutOnAFreshOne() throws Exception {
        relay = Relay.start(1); // hangs up after each connection's first mail
        SmtpMailTransport transport = transport(relay);

        transport.send(mail());
        transport.send(mail());
        transport.send(mail());
        transport.batchDone();

        assertThat(relay.accepted.get()).isEqualTo(3);
        assertThat(relay.connections.get()).isEqualTo(3);
    }

    @Test
    void aMailRefusedOnAReusedConnectionIsReportedNotSentAgainAtOnce() throws Exception {
        relay = Relay.start(Integer.MAX_VALUE, 2); // the second mail of each connection is refused after its DATA
        SmtpMailTransport transport = transport(relay);

        transport.send(mail());
        assertThatThrownBy(() -> transport.send(mail())).isInstanceOf(MailSendException.class);
        transport.send(mail());
        transport.batchDone();

        assertThat(relay.transmitted.get())
                .as("the refused mail was transmitted once")
                .isEqualTo(3);
        assertThat(relay.accepted.get()).isEqualTo(2);
        assertThat(relay.connections.get())
                .as("the failure closed the connection")
                .isEqualTo(2);
    }

    @Test
    void aFreshConnectionThatFailsIsReportedForTheDispatcherToRetryLater() throws Exception {
        relay = Relay.start(0); // hangs up before accepting anything
        SmtpMailTransport transport = transport(relay);

        assertThatThrownBy(() -> transport.send(mail())).isInstanceOf(MailSendException.class);
        transport.batchDone();

        assertThat(relay.accepted.get()).isZero();
        assertThat(relay.connections.get()).isEqualTo(1);
    }

    private static SmtpMailTransport transport(Relay relay) throws Exception {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(relay.port());
        sender.getJavaMailProperties().put("mail.smtp.timeout", "5000");
        sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "5000");
        return new SmtpMailTransport(sender, new InternetAddress("noreply@fairtradeworker.test"));
    }

    private static DeliverableMail mail() {
        return new DeliverableMail(UUID.randomUUID(), "someone@example.test", "Hello", "A plain message.");
    }

    /** Speaks just enough SMTP; hangs up a connection after {@code mailsPerConnection} accepted mails. */
    private static final class Relay implements AutoCloseable {

        final AtomicInteger connections = new AtomicInteger();
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger transmitted = new AtomicInteger();
        private final ServerSocket listener;
        private final int mailsPerConnection;
        private final int refuseNth;

        private Relay(ServerSocket listener, int mailsPerConnection, int refuseNth) {
            this.listener = listener;
            this.mailsPerConnection = mailsPerConnection;
            this.refuseNth = refuseNth;
        }

        static Relay start(int mailsPerConnection) throws IOException {
            return start(mailsPerConnection, 0);
        }

        /** {@code refuseNth}: the n-th mail transmitted on a connection is refused with 554 after its DATA (0: none). */
        static Relay start(int mailsPerConnection, int refuseNth) throws IOException {
            ServerSocket listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Relay relay = new Relay(listener, mailsPerConnection, refuseNth);
            Thread thread = new Thread(relay::serve, "test-smtp-relay");
            thread.setDaemon(true);
            thread.start();
            return relay;
        }

        int port() {
            return listener.getLocalPort();
        }

        private void serve() {
            while (!listener.isClosed()) {
                try (Socket client = listener.accept()) {
                    connections.incrementAndGet();
                    converse(client);
                } catch (IOException e) {
                    // the client or the test closed the connection
                }
            }
        }

        private void converse(Socket client) throws IOException {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = client.getOutputStream();
            int mails = 0;
            if (mailsPerConnection == 0) {
                return;
            }
            say(out, "220 relay.test ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line;
                switch (command) {
                    case "EHLO" -> say(out, "250 relay.test");
                    case "DATA" -> {
                        say(out, "354 go ahead");
                        while (!".".equals(in.readLine())) {
                            // the message
                        }
                        transmitted.incrementAndGet();
                        if (++mails == refuseNth) {
                            say(out, "554 5.7.1 refused by the test relay");
                            continue;
                        }
                        accepted.incrementAndGet();
                        say(out, "250 accepted");
                        if (mails >= mailsPerConnection) {
                            return;
                        }
                    }
                    case "QUIT" -> {
                        say(out, "221 bye");
                        return;
                    }
                    default -> say(out, "250 ok");
                }
            }
        }

        private static void say(OutputStream out, String reply) throws IOException {
            out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
