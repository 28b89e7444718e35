package com.fairtradeworker.notifications;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Sends through an SMTP server (SendGrid's relay in production) with Spring's {@link JavaMailSenderImpl}: plain text,
 * or multipart/alternative (text, then HTML) when the mail has an HTML part.
 */
final class SmtpMailTransport implements MailTransport {

    private final JavaMailSenderImpl sender;
    private final InternetAddress from;

    SmtpMailTransport(JavaMailSenderImpl sender, InternetAddress from) {
        this.sender = sender;
        this.from = from;
    }

    @Override
    public void send(DeliverableMail mail) {
        sender.send(toMimeMessage(mail));
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
