package com.fairtradeworker.reviews;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The rating window after a contract ends (domain guide default: 14 days). */
@ConfigurationProperties("app.reviews")
record ReviewSettings(@DefaultValue("14d") Duration ratingWindow) {

    ReviewSettings {
        if (ratingWindow.isNegative() || ratingWindow.isZero()) {
            throw new IllegalArgumentException("app.reviews.rating-window must be positive");
        }
    }
}
