package com.fairtradeworker.reviews;

import com.fairtradeworker.escrow.EscrowStatus;
import com.fairtradeworker.escrow.ExitCause;
import java.time.Instant;
import java.util.UUID;

/**
 * A contract's rating window ({@code review_windows}): opened when the contract ended with money moved through escrow
 * in a way that may be reviewed, closed when its reviews were published ({@code publishedAt}).
 */
record ReviewWindow(
        UUID contractId,
        UUID homeownerId,
        UUID contractorId,
        EscrowStatus outcome,
        ExitCause cause,
        Instant endedAt,
        Instant closesAt,
        Instant publishedAt) {

    /** Whether the escrow's exit may be reviewed: released or split money, or a refund a dispute decided. */
    static boolean reviewable(EscrowStatus outcome, ExitCause cause) {
        return switch (outcome) {
            case RELEASED, SPLIT -> true;
            case REFUNDED -> cause == ExitCause.DISPUTE_RESOLUTION || cause == ExitCause.DISPUTE_RESPONSE_WINDOW;
            default -> false;
        };
    }

    /** Reviews are taken until both parties reviewed (published) or the window closes. */
    boolean takesReviews(Instant now) {
        return publishedAt == null && now.isBefore(closesAt);
    }

    boolean isParty(UUID userId) {
        return homeownerId.equals(userId) || contractorId.equals(userId);
    }

    UUID otherParty(UUID userId) {
        return homeownerId.equals(userId) ? contractorId : homeownerId;
    }

    Side sideOf(UUID userId) {
        return homeownerId.equals(userId) ? Side.HOMEOWNER : Side.CONTRACTOR;
    }
}
