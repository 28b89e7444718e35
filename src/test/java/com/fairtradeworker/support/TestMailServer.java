package com.fairtradeworker.support;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.List;

/**
 * The suite's SMTP server: GreenMail, reached by the application through {@link SmtpGate} so a test can simulate an
 * outage. Started once per JVM by {@link TestServers}. Tests share it, so each test sends to addresses of its own
 * (for example {@code "someone-" + UUID.randomUUID() + "@example.test"}) and reads only those, never purging globally.
 */
public final class TestMailServer {

    private final GreenMail greenMail;
    private final SmtpGate gate;

    private TestMailServer(GreenMail greenMail, SmtpGate gate) {
        this.greenMail = greenMail;
        this.gate = gate;
    }

    static TestMailServer start() {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        Runtime.getRuntime().addShutdownHook(new Thread(greenMail::stop, "greenmail-stop"));
        return new TestMailServer(
                greenMail, SmtpGate.inFrontOf(greenMail.getSmtp().getPort()));
    }

    /** The port the application sends to. */
    public int port() {
        return gate.port();
    }

    /** Every message delivered to this address so far, oldest first. */
    public List<MimeMessage> messagesTo(String address) {
        return greenMail
                .findReceivedMessages(user -> user.getEmail().equalsIgnoreCase(address), message -> true)
                .toList();
    }

    /** Deletes the messages delivered to this address (and only those). */
    public void purge(String address) {
        GreenMailUser user = greenMail.getUserManager().getUserByEmail(address);
        if (user == null) {
            return;
        }
        try {
            MailFolder inbox = greenMail.getManagers().getImapHostManager().getInbox(user);
            inbox.deleteAllMessages();
        } catch (FolderException e) {
            throw new IllegalStateException("Could not purge the test mailbox", e);
        }
    }

    /**
     * Makes the server refuse every connection (greeting 421) until {@link #endOutage()}. Tests that call this end the
     * outage in a {@code finally} or {@code @AfterEach}.
     */
    public void beginOutage() {
        gate.close();
    }

    public void endOutage() {
        gate.open();
    }

    /** The decoded text of a message: its body, or its text/plain part when it has alternatives (text and HTML). */
    public static String textOf(MimeMessage message) {
        try {
            if (message.getContent() instanceof jakarta.mail.Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    if (multipart.getBodyPart(i).isMimeType("text/plain")) {
                        return (String) multipart.getBodyPart(i).getContent();
                    }
                }
                throw new IllegalStateException("The test message has no text/plain part");
            }
            return (String) message.getContent();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("Could not read the test message", e);
        }
    }
}
