package com.fairtradeworker.notifications;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the outbox is drained ({@code app.mail.*}). The poll interval itself is read by {@link ScheduledMailDispatch}.
 *
 * @param scheduled false in tests, which call {@link MailDispatcher#dispatchDue()} themselves so no background poller
 *     races them
 * @param lease how long a claimed mail stays invisible to other dispatchers; must outlast one send with every
 *     timeout ({@link #sendBudget})
 * @param sendBudget the longest one send may take (connect, write and read timeouts together); a batch stops
 *     sending when less than this is left of its lease, so no claimed mail is sent after another dispatcher may have
 *     taken it over
 */
@ConfigurationProperties("app.mail")
record MailSettings(
        @DefaultValue("true") boolean scheduled,
        @DefaultValue("20") int batchSize,
        @DefaultValue("10") int maxAttempts,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("40s") Duration sendBudget,
        @DefaultValue("30s") Duration firstRetryDelay,
        @DefaultValue("1h") Duration maxRetryDelay) {

    MailSettings {
        if (batchSize < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("app.mail.batch-size and app.mail.max-attempts must be positive");
        }
        if (lease.compareTo(sendBudget.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("app.mail.lease must be at least twice app.mail.send-budget");
        }
        if (firstRetryDelay.isNegative() || firstRetryDelay.isZero() || maxRetryDelay.compareTo(firstRetryDelay) < 0) {
            throw new IllegalArgumentException(
                    "app.mail.first-retry-delay must be positive and at most app.mail.max-retry-delay");
        }
    }
}
