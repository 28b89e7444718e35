package com.fairtradeworker.disputes;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The dispute response window (domain guide default: 5 days); it never pauses. */
@ConfigurationProperties("app.disputes")
record DisputeSettings(@DefaultValue("5d") Duration responseWindow) {

    DisputeSettings {
        if (responseWindow.isNegative() || responseWindow.isZero()) {
            throw new IllegalArgumentException("app.disputes.response-window must be positive");
        }
    }
}
