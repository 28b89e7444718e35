package com.fairtradeworker.reviews;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.contracts.ContractSnapshot;
import com.fairtradeworker.contracts.ContractsApi;
import com.fairtradeworker.escrow.EscrowApi;
import com.fairtradeworker.escrow.EscrowSnapshot;
import com.fairtradeworker.reviews.ReviewEvents.ReviewHidden;
import com.fairtradeworker.reviews.ReviewEvents.ReviewPublished;
import com.fairtradeworker.shared.NotFoundException;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import com.fairtradeworker.timers.DueTimers;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writing reviews: a party's one review, publication of a contract's reviews together, the reviewed party's reply and
 * an admin's hiding. Nobody but a review's author (and admins) learns that an unpublished review exists.
 *
 * <p>Locks, in one order: the rating clock's timer row, then the contract's window row ({@code review_windows}), then
 * review rows, then profile rows (homeowner before contractor). The window row serializes everything that may publish
 * the contract's reviews (the second party's submission, the clock), so they are published exactly once and
 * together. The timer poller holds the clock's row while its handler takes the window's, so a submission that will
 * publish stops the clock before it takes the window's lock; one that finds out only under the lock leaves the
 * clock, which then finds the window published and does nothing.
 */
@Service
class Reviews {

    static final String RATING_WINDOW_CLOSES = "REVIEW_RATING_WINDOW_CLOSES";

    private final ReviewRepository reviews;
    private final RatingFigures ratings;
    private final ContractsApi contracts;
    private final EscrowApi escrow;
    private final DueTimers timers;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Reviews(
            ReviewRepository reviews,
            RatingFigures ratings,
            ContractsApi contracts,
            EscrowApi escrow,
            DueTimers timers,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.reviews = reviews;
        this.ratings = ratings;
        this.contracts = contracts;
        this.escrow = escrow;
        this.timers = timers;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The party's one review of the other party. It stays SUBMITTED (the author's and admins' only) until the other
     * party has reviewed too, when both are published in this transaction, or the rating clock publishes it.
     */
    @Transactional
    Review submit(UUID userId, UUID contractId, ReviewInput.Submit request) {
        ContractSnapshot contract = contracts
                .find(contractId)
                .filter(found -> found.isParty(userId))
                .orElseThrow(() -> new NotFoundException("contract"));
        ReviewWindow seen = reviews.findWindow(contractId).orElseThrow(() -> notReviewable(contract));
        ReviewInput.Checked input = ReviewInput.review(request);
        UUID otherParty = seen.otherParty(userId);
        if (reviews.byAuthor(contractId, otherParty).isPresent()) {
            // This review will publish both: stop the clock before the window's lock (see the class comment).
            timers.cancel(RATING_WINDOW_CLOSES, contractId);
        }
        ReviewWindow window = reviews.lockWindow(contractId).orElseThrow();
        Instant now = clock.instant();
        if (reviews.byAuthor(contractId, userId).isPresent()) {
            throw new ProblemException(
                    ProblemType.ALREADY_EXISTS,
                    "You have already reviewed this contract; a review cannot be changed or replaced.");
        }
        if (!window.takesReviews(now)) {
            throw new ProblemException(
                    ProblemType.STATE_CONFLICT,
                    "The rating window closed at "
                            + (window.publishedAt() == null ? window.closesAt() : window.publishedAt())
                            + "; reviews of this contract are no longer taken.",
                    Map.of("ratingWindowClosesAt", window.closesAt().toString()));
        }
        requireEscrowBacked(contract, window);
        Review review = Review.submitted(contractId, userId, otherParty, input.rating(), input.text(), now);
        reviews.insert(review);
        Map<String, Object> details = new HashMap<>();
        details.put("contract", contractId);
        details.put("subject", otherParty);
        details.put("rating", input.rating());
        details.put("status", ReviewStatus.SUBMITTED);
        audit.record(AuditEntry.byUser(userId, "REVIEW_SUBMITTED", "review", review.id())
                .with(details));
        if (reviews.byAuthor(contractId, otherParty).isPresent()) {
            publish(window, now, userId);
        }
        return reviews.find(review.id()).orElseThrow();
    }

    /**
     * The rating window closed: whatever was submitted is published as it stands. Runs in the timer's transaction; a
     * window already published (both reviewed) is left alone.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void closeWindow(UUID contractId) {
        reviews.lockWindow(contractId)
                .filter(window -> window.publishedAt() == null)
                .ifPresent(window -> publish(window, clock.instant(), null));
    }

    /**
     * Publishes the contract's SUBMITTED reviews in one statement and closes the window, under the window's lock;
     * counts each in its subject's rating. {@code actorId}: the party whose review completed the pair, null for the
     * clock.
     */
    private void publish(ReviewWindow window, Instant now, UUID actorId) {
        List<Review> published = reviews.publishSubmitted(window.contractId(), now).stream()
                .sorted(Comparator.comparing(review -> window.sideOf(review.subjectId())))
                .toList();
        reviews.markWindowPublished(window.contractId(), now);
        boolean byClock = actorId == null;
        for (Review review : published) {
            ratings.add(window.sideOf(review.subjectId()), review.subjectId(), review.rating());
            Map<String, Object> details = new HashMap<>();
            details.put("contract", window.contractId());
            details.put("subject", review.subjectId());
            details.put("from", ReviewStatus.SUBMITTED);
            details.put("to", ReviewStatus.PUBLISHED);
            details.put("trigger", byClock ? "RATING_WINDOW_CLOSED" : "BOTH_PARTIES_REVIEWED");
            AuditEntry entry = byClock
                    ? AuditEntry.bySystem("REVIEW_PUBLISHED", "review", review.id())
                    : AuditEntry.byUser(actorId, "REVIEW_PUBLISHED", "review", review.id());
            audit.record(entry.with(details));
            events.publishEvent(new ReviewPublished(
                    review.id(), review.contractId(), review.authorId(), review.subjectId(), review.rating(), byClock));
        }
    }

    /** The reviewed party's one public reply to a published review. */
    @Transactional
    Review reply(UUID userId, UUID reviewId, ReviewInput.Reply request) {
        Review seen = reviews.find(reviewId)
                .filter(review -> review.visibleTo(userId))
                .orElseThrow(() -> new NotFoundException("review"));
        if (!seen.subjectId().equals(userId)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only the reviewed party may reply to a review.");
        }
        String text = ReviewInput.reply(request);
        Review review = reviews.lock(reviewId).orElseThrow();
        if (review.status() != ReviewStatus.PUBLISHED) {
            throw new NotFoundException("review"); // hidden meanwhile: gone from the subject's view
        }
        if (review.replyBody() != null) {
            throw new ProblemException(
                    ProblemType.ALREADY_EXISTS, "You have already replied to this review; a reply cannot be changed.");
        }
        Instant now = clock.instant();
        reviews.reply(reviewId, text, now);
        audit.record(AuditEntry.byUser(userId, "REVIEW_REPLIED", "review", reviewId)
                .with(Map.of("contract", review.contractId(), "author", review.authorId())));
        return reviews.find(reviewId).orElseThrow();
    }

    /**
     * An admin hides a review for abuse (SUBMITTED or PUBLISHED), with a reason kept on the review. A published one
     * leaves its subject's rating in the same transaction; a hidden draft is never published.
     */
    @Transactional
    Review hide(UUID adminId, UUID reviewId, ReviewInput.Hide request) {
        String reason = ReviewInput.hideReason(request);
        Review review = reviews.lock(reviewId).orElseThrow(() -> new NotFoundException("review"));
        if (review.status() == ReviewStatus.HIDDEN) {
            throw new ProblemException(
                    ProblemType.STATE_CONFLICT, "The review is already HIDDEN.", Map.of("status", review.status()));
        }
        Instant now = clock.instant();
        reviews.hide(reviewId, adminId, reason, now);
        boolean wasPublished = review.status() == ReviewStatus.PUBLISHED;
        if (wasPublished) {
            ContractSnapshot contract = contracts.find(review.contractId()).orElseThrow();
            ratings.remove(Side.of(contract, review.subjectId()), review.subjectId(), review.rating());
        }
        Map<String, Object> details = new HashMap<>();
        details.put("contract", review.contractId());
        details.put("subject", review.subjectId());
        details.put("from", review.status());
        details.put("to", ReviewStatus.HIDDEN);
        audit.record(
                AuditEntry.byUser(adminId, "REVIEW_HIDDEN", "review", reviewId).with(details));
        events.publishEvent(new ReviewHidden(reviewId, review.contractId(), review.subjectId(), adminId, wasPublished));
        return reviews.find(reviewId).orElseThrow();
    }

    /**
     * Reviews are for contracts that ended with money moved through escrow: the contract's end and the escrow's exit
     * must both be the window's outcome.
     */
    private void requireEscrowBacked(ContractSnapshot contract, ReviewWindow window) {
        ContractSnapshot current = contracts.find(contract.id()).orElseThrow();
        EscrowSnapshot account = escrow.escrow(contract.id()).orElse(null);
        if (!current.status().name().equals(window.outcome().name())
                || account == null
                || account.status() != window.outcome()) {
            throw notReviewable(current);
        }
    }

    private static ProblemException notReviewable(ContractSnapshot contract) {
        return new ProblemException(
                ProblemType.STATE_CONFLICT,
                "The contract is " + contract.status() + "; reviews open when a contract ends with its escrow"
                        + " released or split, or refunded by a dispute's decision (not by mutual cancellation).",
                Map.of("status", contract.status()));
    }
}
