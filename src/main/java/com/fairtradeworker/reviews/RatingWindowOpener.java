package com.fairtradeworker.reviews;

import com.fairtradeworker.escrow.EscrowEvents.EscrowExited;
import com.fairtradeworker.timers.DueTimers;
import java.time.Clock;
import java.time.Instant;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens the rating window when a contract ends with money moved through escrow. Synchronous, in the transaction that
 * moves the money (as {@code bidding.JobClosureListener} does for jobs), so the window and its clock exist exactly
 * when the exit does: both commit or neither.
 *
 * <p>It listens to escrow's {@link EscrowExited}, not to {@code ContractStatusChanged}: every RELEASED, SPLIT and
 * REFUNDED end goes through an escrow exit (the contract moves inside it), and the exit says what the contract's
 * status cannot tell afterwards: its cause. A refund by mutual cancellation opens no window; a refund a dispute decided
 * (admin resolution or the response clock) does. The event is also the proof that the money really moved.
 */
@Component
class RatingWindowOpener {

    private final ReviewRepository reviews;
    private final DueTimers timers;
    private final ReviewSettings settings;
    private final Clock clock;

    RatingWindowOpener(ReviewRepository reviews, DueTimers timers, ReviewSettings settings, Clock clock) {
        this.reviews = reviews;
        this.timers = timers;
        this.settings = settings;
        this.clock = clock;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(EscrowExited exited) {
        if (!ReviewWindow.reviewable(exited.outcome(), exited.cause())) {
            return;
        }
        Instant endedAt = clock.instant();
        ReviewWindow window = new ReviewWindow(
                exited.contract(),
                exited.homeowner(),
                exited.contractor(),
                exited.outcome(),
                exited.cause(),
                endedAt,
                endedAt.plus(settings.ratingWindow()),
                null);
        if (reviews.insertWindow(window, endedAt)) {
            timers.schedule(Reviews.RATING_WINDOW_CLOSES, window.contractId(), window.closesAt());
        }
    }
}
