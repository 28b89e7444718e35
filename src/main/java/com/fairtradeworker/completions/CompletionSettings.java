package com.fairtradeworker.completions;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The approval clock (domain guide defaults): the window after submission ({@code app.completions.approval-window})
 * and how long before its end the reminder goes out ({@code app.completions.reminder-before}).
 */
@ConfigurationProperties("app.completions")
record CompletionSettings(
        @DefaultValue("14d") Duration approvalWindow,
        @DefaultValue("2d") Duration reminderBefore) {

    CompletionSettings {
        if (approvalWindow.isNegative() || approvalWindow.isZero()) {
            throw new IllegalArgumentException("app.completions.approval-window must be positive");
        }
        if (reminderBefore.isNegative()) {
            throw new IllegalArgumentException("app.completions.reminder-before must not be negative");
        }
    }
}
