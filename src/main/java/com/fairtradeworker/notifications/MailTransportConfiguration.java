package com.fairtradeworker.notifications;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Chooses how mail leaves: SendGrid's SMTP relay when {@code SENDGRID_API_KEY} is set, else the SMTP server named by
 * {@code SMTP_HOST}, else (development only) the log.
 *
 * <p>The {@link JavaMailSenderImpl} is built here from our own settings rather than Boot's {@code spring.mail.*}, and
 * deliberately not exposed as a bean: Boot would otherwise add a mail health check that logs in to the relay on every
 * health probe, and readiness must not depend on a relay the outbox already retries around.
 */
@Configuration(proxyBeanMethods = false)
class MailTransportConfiguration {

    static final String SENDGRID_HOST = "smtp.sendgrid.net";
    static final String SENDGRID_USERNAME = "apikey";
    static final int SMTPS_PORT = 465;
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(MailTransportConfiguration.class);

    @Bean
    MailTransport mailTransport(EmailSettings email, @Value("${app.env:development}") String appEnv) {
        return select(email, appEnv);
    }

    static MailTransport select(EmailSettings email, String appEnv) {
        if (email.sendgridConfigured()) {
            log.info("E-mail goes out through SendGrid's SMTP relay ({}:{})", SENDGRID_HOST, 587);
            return new SmtpMailTransport(sendgrid(email.sendgridApiKey()), fromAddress(email));
        }
        if (email.smtpHostConfigured()) {
            log.info("E-mail goes out through the SMTP server {}:{}", email.smtpHost(), email.smtpPortOrDefault());
            return new SmtpMailTransport(smtpServer(email), fromAddress(email));
        }
        DevelopmentLogMailTransport transport = new DevelopmentLogMailTransport(appEnv);
        log.warn(
                "Neither SENDGRID_API_KEY nor SMTP_HOST is set: e-mails are written to this log, not sent "
                        + "(look for \"{}\")",
                DevelopmentLogMailTransport.MARKER);
        return transport;
    }

    private static JavaMailSenderImpl sendgrid(String apiKey) {
        JavaMailSenderImpl sender = baseSender("smtp", SENDGRID_HOST, 587);
        sender.setUsername(SENDGRID_USERNAME);
        sender.setPassword(apiKey);
        Properties properties = sender.getJavaMailProperties();
        properties.put("mail.smtp.auth", "true");
        properties.put("mail.smtp.starttls.enable", "true");
        properties.put("mail.smtp.starttls.required", "true");
        return sender;
    }

    private static JavaMailSenderImpl smtpServer(EmailSettings email) {
        int port = email.smtpPortOrDefault();
        String protocol = port == SMTPS_PORT ? "smtps" : "smtp";
        JavaMailSenderImpl sender = baseSender(protocol, email.smtpHost(), port);
        Properties properties = sender.getJavaMailProperties();
        if (EmailSettings.isSet(email.smtpUsername())) {
            sender.setUsername(email.smtpUsername());
            sender.setPassword(email.smtpPassword());
            properties.put("mail." + protocol + ".auth", "true");
        }
        if (protocol.equals("smtp")) {
            properties.put("mail.smtp.starttls.enable", String.valueOf(email.smtpStarttls()));
            properties.put("mail.smtp.starttls.required", String.valueOf(email.smtpStarttlsRequired()));
        }
        return sender;
    }

    private static JavaMailSenderImpl baseSender(String protocol, String host, int port) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setProtocol(protocol);
        sender.setHost(host);
        sender.setPort(port);
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        Properties properties = sender.getJavaMailProperties();
        String prefix = "mail." + protocol + ".";
        // Without timeouts a silent server would hold a dispatcher forever (Jakarta Mail waits indefinitely).
        String millis = String.valueOf(TIMEOUT.toMillis());
        properties.put(prefix + "connectiontimeout", millis);
        properties.put(prefix + "timeout", millis);
        properties.put(prefix + "writetimeout", millis);
        properties.put(prefix + "ssl.checkserveridentity", "true");
        return sender;
    }

    private static InternetAddress fromAddress(EmailSettings email) {
        if (!EmailSettings.isSet(email.from())) {
            throw new IllegalStateException("EMAIL_FROM is not set");
        }
        try {
            InternetAddress from = new InternetAddress(email.from(), true);
            from.validate();
            return from;
        } catch (AddressException e) {
            throw new IllegalStateException("EMAIL_FROM is not a valid e-mail address");
        }
    }
}
