package com.fairtradeworker.notifications;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Development without Twilio: writes the whole text message, code included, to the log so a person can verify a phone
 * number locally. Refused in production, where the configuration check requires Twilio anyway.
 */
final class DevelopmentLogSmsTransport implements SmsTransport {

    static final String MARKER = "DEVELOPMENT SMS (not sent)";
    private static final Logger log = LoggerFactory.getLogger(DevelopmentLogSmsTransport.class);

    DevelopmentLogSmsTransport(String appEnv) {
        if ("production".equalsIgnoreCase(appEnv == null ? "" : appEnv.trim())) {
            throw new IllegalStateException(
                    "Production must deliver SMS: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_PHONE_NUMBER");
        }
    }

    @Override
    public void send(DeliverableSms sms) {
        log.info("""
                {}
                To: {}

                {}
                -- end of development SMS {}""", MARKER, sms.to(), sms.body(), sms.notificationId());
    }
}
