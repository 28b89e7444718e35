package com.fairtradeworker.disputes;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The dispute response window (domain guide default: 5 days; it never pauses) and how long before it closes the party
 * who must respond is reminded (1 day; no reminder when the window is shorter).
 */
@ConfigurationProperties("app.disputes")
record DisputeSettings(
        @DefaultValue("5d") Duration responseWindow,
        @DefaultValue("1d") Duration responseReminderBefore) {

    DisputeSettings {
        if (responseWindow.isNegative() || responseWindow.isZero()) {
            throw new IllegalArgumentException("app.disputes.response-window must be positive");
        }
        if (responseReminderBefore.isNegative() || responseReminderBefore.isZero()) {
            throw new IllegalArgumentException("app.disputes.response-reminder-before must be positive");
        }
    }
}
