package com.fairtradeworker.notifications;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/** Sends through an SMTP server (SendGrid's relay in production) with Spring's {@link JavaMailSenderImpl}. */
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
            helper.setText(mail.textBody(), false);
            // RFC 3834: tells auto-responders (out-of-office) not to answer.
            message.setHeader("Auto-Submitted", "auto-generated");
            return message;
        } catch (MessagingException e) {
            throw new MailPreparationException("Could not build the message", e);
        }
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
