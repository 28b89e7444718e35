package com.fairtradeworker.reviews;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The JSON shapes of the review routes. Stored text is returned as data (JSON strings), never as markup. */
final class ReviewViews {

    private ReviewViews() {}

    record ReplyView(String text, Instant repliedAt) {

        static ReplyView of(Review review) {
            return review.replyBody() == null ? null : new ReplyView(review.replyBody(), review.repliedAt());
        }
    }

    /** Why and by whom a review was hidden: admins only. */
    record ModerationView(String hiddenReason, UUID hiddenBy, Instant hiddenAt) {}

    /**
     * A review as a party of its contract (their own, in any state, or the other party's once published) or an admin
     * sees it; {@code moderation} only for admins.
     */
    record ReviewView(
            UUID id,
            UUID contractId,
            UUID authorId,
            Side authorSide,
            UUID subjectId,
            int rating,
            String text,
            ReviewStatus status,
            Instant submittedAt,
            Instant publishedAt,
            ReplyView reply,
            ModerationView moderation) {}

    /**
     * The contract's rating window: reviews are taken until {@code closesAt} or until both parties have reviewed;
     * {@code publishedAt} once the reviews were published (null before, whatever the other party did).
     */
    record RatingWindowView(Instant endedAt, Instant closesAt, Instant publishedAt) {}

    /**
     * A contract's reviews as the caller may see them. {@code ratingWindow} null while the contract may not be
     * reviewed (not ended, or refunded by mutual cancellation); {@code canReview}: the caller may review now.
     */
    record ContractReviews(UUID contractId, RatingWindowView ratingWindow, boolean canReview, List<ReviewView> items) {}

    /** A published review as anyone sees it. */
    record PublicReviewView(
            UUID id, UUID authorId, Side authorSide, int rating, String text, Instant publishedAt, ReplyView reply) {}

    /** Published reviews counted in the rating and their average (two places; null with none). */
    record RatingSummary(int reviewCount, Double averageRating) {}

    record UserReviewsPage(UUID userId, RatingSummary rating, List<PublicReviewView> items, String nextCursor) {}
}
