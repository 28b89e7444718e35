package com.fairtradeworker.notifications;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where e-mail goes ({@code app.email.*}, from {@code EMAIL_FROM}, {@code SENDGRID_API_KEY}, {@code SMTP_*}).
 *
 * @param smtpPort with {@code SMTP_HOST}: 587 when unset; 465 means TLS from the first byte (SMTPS)
 * @param smtpStarttls with {@code SMTP_HOST}: upgrade to TLS when the server offers STARTTLS (plain SMTP otherwise, as
 *     with the test server)
 * @param smtpStarttlsRequired with {@code SMTP_HOST}: refuse to send over a server that does not offer STARTTLS
 */
@ConfigurationProperties("app.email")
record EmailSettings(
        @DefaultValue("noreply@fairtradeworker.com") String from,
        String sendgridApiKey,
        String smtpHost,
        Integer smtpPort,
        String smtpUsername,
        String smtpPassword,
        @DefaultValue("true") boolean smtpStarttls,
        @DefaultValue("false") boolean smtpStarttlsRequired) {

    static final int SUBMISSION_PORT = 587;

    /** {@code SMTP_PORT} is often left empty; the mail submission port is the sensible default. */
    int smtpPortOrDefault() {
        return smtpPort == null ? SUBMISSION_PORT : smtpPort;
    }

    boolean sendgridConfigured() {
        return isSet(sendgridApiKey);
    }

    boolean smtpHostConfigured() {
        return isSet(smtpHost);
    }

    static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return "EmailSettings[from=" + from + ", sendgridApiKey=" + (isSet(sendgridApiKey) ? "<set>" : "<unset>")
                + ", smtpHost=" + smtpHost + ", smtpPort=" + smtpPort + ", smtpPassword="
                + (isSet(smtpPassword) ? "<set>" : "<unset>") + "]";
    }
}
