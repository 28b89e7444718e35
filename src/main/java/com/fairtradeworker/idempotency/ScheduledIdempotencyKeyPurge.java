package com.fairtradeworker.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes expired keys every {@code app.idempotency.purge-interval} (default 1 h). Off when {@code
 * app.idempotency.scheduled=false}, where tests call {@link IdempotentRequests#purgeExpired()} themselves. Several
 * instances purging at once only delete the same rows.
 */
@Component
@ConditionalOnBooleanProperty(name = "app.idempotency.scheduled", matchIfMissing = true)
class ScheduledIdempotencyKeyPurge {

    private static final Logger log = LoggerFactory.getLogger(ScheduledIdempotencyKeyPurge.class);

    private final IdempotentRequests requests;

    ScheduledIdempotencyKeyPurge(IdempotentRequests requests) {
        this.requests = requests;
    }

    @Scheduled(
            fixedDelayString = "${app.idempotency.purge-interval:1h}",
            initialDelayString = "${app.idempotency.purge-interval:1h}")
    void purgeExpired() {
        int purged = requests.purgeExpired();
        if (purged > 0) {
            log.debug("Deleted {} expired idempotency keys", purged);
        }
    }
}
