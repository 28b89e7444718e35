package com.fairtradeworker.notifications;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Development without an SMTP server: writes the whole message, link included, to the log so a person can finish
 * sign-up locally. Never used in production (refused when it is built there) nor in tests (they use a real SMTP
 * server), because the log would then hold live tokens.
 */
final class DevelopmentLogMailTransport implements MailTransport {

    static final String MARKER = "DEVELOPMENT MAIL (not sent)";
    private static final Logger log = LoggerFactory.getLogger(DevelopmentLogMailTransport.class);

    DevelopmentLogMailTransport(String appEnv) {
        if ("production".equalsIgnoreCase(appEnv == null ? "" : appEnv.trim())) {
            throw new IllegalStateException("Production must deliver e-mail: set SENDGRID_API_KEY or SMTP_HOST");
        }
    }

    @Override
    public void send(DeliverableMail mail) {
        log.info("""
                {}
                To: {}
                Subject: {}

                {}
                -- end of development mail {}""", MARKER, mail.recipient(), mail.subject(), mail.textBody(), mail.notificationId());
    }
}
