package com.fairtradeworker.notifications;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses how text messages leave: Twilio when {@code TWILIO_ACCOUNT_SID}, {@code TWILIO_AUTH_TOKEN} and
 * {@code TWILIO_PHONE_NUMBER} are all set, else (never in production) the log.
 */
@Configuration(proxyBeanMethods = false)
class SmsTransportConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SmsTransportConfiguration.class);

    @Bean
    SmsTransport smsTransport(TwilioSettings twilio, @Value("${app.env:development}") String appEnv) {
        return select(twilio, appEnv);
    }

    static SmsTransport select(TwilioSettings twilio, String appEnv) {
        if (twilio.configured()) {
            log.info("SMS go out through Twilio ({})", twilio.apiBaseUrl());
            return new TwilioSmsTransport(twilio);
        }
        if (twilio.partlyConfigured()) {
            throw new IllegalStateException(
                    "Set all of TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_PHONE_NUMBER, or none of them");
        }
        DevelopmentLogSmsTransport transport = new DevelopmentLogSmsTransport(appEnv);
        log.warn(
                "TWILIO_* is not set: text messages are written to this log, not sent (look for \"{}\")",
                DevelopmentLogSmsTransport.MARKER);
        return transport;
    }
}
