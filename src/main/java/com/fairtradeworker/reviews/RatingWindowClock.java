package com.fairtradeworker.reviews;

import com.fairtradeworker.timers.TimerHandler;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The rating window (14 days after the contract ended by default) ran out: the contract's reviews are published as
 * they stand. Fires inside the poller's transaction, so a timer claimed by one instance fires once; a window already
 * published because both parties reviewed is left as it is.
 */
@Component
class RatingWindowClock implements TimerHandler {

    private final Reviews reviews;

    RatingWindowClock(Reviews reviews) {
        this.reviews = reviews;
    }

    @Override
    public String kind() {
        return Reviews.RATING_WINDOW_CLOSES;
    }

    @Override
    public void onDue(UUID contractId, Instant dueAt) {
        reviews.closeWindow(contractId);
    }
}
