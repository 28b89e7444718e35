package com.fairtradeworker.notifications;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends through an SMTP server (SendGrid's relay in production) configured as Spring's {@link JavaMailSenderImpl}:
 * plain text, or multipart/alternative (text, then HTML) when the mail has an HTML part.
 *
 * <p>The mails of one dispatcher batch share one SMTP connection (connect, EHLO, STARTTLS and AUTH once, then NOOP,
 * MAIL, RCPT and DATA per mail), closed when the batch is done ({@link #batchDone()}): the handshake would otherwise
 * cost more than the mail. Each mail is still accepted or refused on its own; a connection that the relay dropped
 * between two mails is noticed by the NOOP and replaced before the next mail, and any failure while sending closes the
 * connection and is reported, so the dispatcher retries that mail later, never at once. Connections are confined to
 * the dispatcher's thread.
 */
final class SmtpMailTransport implements MailTransport {

    private final JavaMailSenderImpl sender;
    private final InternetAddress from;
    private final ThreadLocal<Transport> open = new ThreadLocal<>();

    SmtpMailTransport(JavaMailSenderImpl sender, InternetAddress from) {
        this.sender = sender;
        this.from = from;
    }

    @Override
    public void send(DeliverableMail mail) {
        MimeMessage message = toMimeMessage(mail);
        try {
            Transport transport = connection();
            message.saveChanges();
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            batchDone();
            throw failed(e);
        } catch (RuntimeException e) {
            batchDone();
            throw e;
        }
    }

    @Override
    public void batchDone() {
        Transport transport = open.get();
        open.remove();
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                // the connection is gone either way
            }
        }
    }

    /**
     * The batch's connection, checked with a NOOP before it carries another mail ({@code isConnected()}), or a new one:
     * a relay that dropped the connection is found out before anything is sent, so no mail is sent twice.
     */
    private Transport connection() throws MessagingException {
        Transport transport = open.get();
        if (transport != null && transport.isConnected()) {
            return transport;
        }
        batchDone();
        transport = sender.getSession()
                .getTransport(Objects.requireNonNullElse(sender.getProtocol(), JavaMailSenderImpl.DEFAULT_PROTOCOL));
        transport.connect(sender.getHost(), sender.getPort(), sender.getUsername(), sender.getPassword());
        open.set(transport);
        return transport;
    }

    private static MailException failed(MessagingException e) {
        return e instanceof AuthenticationFailedException
                ? new MailAuthenticationException(e)
                : new MailSendException("The SMTP server did not accept the mail", e);
    }

    JavaMailSenderImpl sender() {
        return sender;
    }

    private MimeMessage toMimeMessage(DeliverableMail mail) {
        try {
            MimeMessage message = new KeyedMimeMessage(sender.getSession(), messageId(mail));
            MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
            helper.setFrom(from);
            helper.setTo(mail.recipient());
            helper.setSubject(mail.subject());
            if (mail.htmlBody() == null) {
                helper.setText(mail.textBody(), false);
            } else {
                message.setContent(alternatives(mail));
            }
            // RFC 3834: tells auto-responders (out-of-office) not to answer.
            message.setHeader("Auto-Submitted", "auto-generated");
            return message;
        } catch (MessagingException e) {
            throw new MailPreparationException("Could not build the message", e);
        }
    }

    /** multipart/alternative: the text first, the HTML last (clients show the last part they can render). */
    private static MimeMultipart alternatives(DeliverableMail mail) throws MessagingException {
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.textBody(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.htmlBody(), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternatives = new MimeMultipart("alternative");
        alternatives.addBodyPart(text);
        alternatives.addBodyPart(html);
        return alternatives;
    }

    private String messageId(DeliverableMail mail) {
        String address = from.getAddress();
        return "<" + mail.notificationId() + "@" + address.substring(address.indexOf('@') + 1) + ">";
    }

    /** A message whose Message-ID is the notification's, the same on every attempt. */
    private static final class KeyedMimeMessage extends MimeMessage {
        private final String messageId;

        KeyedMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
