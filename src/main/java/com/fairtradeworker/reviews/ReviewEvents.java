package com.fairtradeworker.reviews;

import java.util.UUID;

/** Past-tense facts about reviews, published in the transaction that made them true (for notifications). */
public final class ReviewEvents {

    private ReviewEvents() {}

    /**
     * A review became public, together with the other party's if there is one: both parties reviewed ({@code
     * byRatingWindow} false) or the rating window closed ({@code byRatingWindow} true).
     */
    public record ReviewPublished(
            UUID review, UUID contract, UUID author, UUID subject, int rating, boolean byRatingWindow) {}

    /** An admin hid a review for abuse; a published one no longer counts in its subject's rating. */
    public record ReviewHidden(UUID review, UUID contract, UUID subject, UUID hiddenBy, boolean wasPublished) {}
}
