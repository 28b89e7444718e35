package com.fairtradeworker.reviews;

import com.fairtradeworker.contracts.ContractSnapshot;
import com.fairtradeworker.contracts.ContractsApi;
import com.fairtradeworker.identity.AuthenticatedUser;
import com.fairtradeworker.identity.Role;
import com.fairtradeworker.reviews.ReviewViews.ContractReviews;
import com.fairtradeworker.reviews.ReviewViews.ModerationView;
import com.fairtradeworker.reviews.ReviewViews.PublicReviewView;
import com.fairtradeworker.reviews.ReviewViews.RatingSummary;
import com.fairtradeworker.reviews.ReviewViews.RatingWindowView;
import com.fairtradeworker.reviews.ReviewViews.ReplyView;
import com.fairtradeworker.reviews.ReviewViews.ReviewView;
import com.fairtradeworker.reviews.ReviewViews.UserReviewsPage;
import com.fairtradeworker.shared.NotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Reading reviews. A contract's reviews: its two parties (their own review in any state, the other party's only once
 * published, so a draft's existence never shows) and admins (everything, with the moderation); anyone else gets the
 * answer for a missing contract. A user's published reviews: anyone.
 */
@Service
class ReviewQueries {

    private final ReviewRepository reviews;
    private final RatingFigures ratings;
    private final ContractsApi contracts;
    private final Clock clock;

    ReviewQueries(ReviewRepository reviews, RatingFigures ratings, ContractsApi contracts, Clock clock) {
        this.reviews = reviews;
        this.ratings = ratings;
        this.contracts = contracts;
        this.clock = clock;
    }

    ContractReviews ofContract(AuthenticatedUser user, UUID contractId) {
        boolean admin = user.is(Role.ADMIN);
        ContractSnapshot contract = contracts
                .find(contractId)
                .filter(found -> admin || found.isParty(user.userId()))
                .orElseThrow(() -> new NotFoundException("contract"));
        ReviewWindow window = reviews.findWindow(contractId).orElse(null);
        List<Review> all = reviews.ofContract(contractId);
        List<ReviewView> items = all.stream()
                .filter(review -> admin || review.visibleTo(user.userId()))
                .map(review -> view(review, contract, admin))
                .toList();
        boolean canReview = !admin
                && window != null
                && window.takesReviews(clock.instant())
                && all.stream().noneMatch(review -> review.authorId().equals(user.userId()));
        RatingWindowView windowView =
                window == null ? null : new RatingWindowView(window.endedAt(), window.closesAt(), window.publishedAt());
        return new ContractReviews(contractId, windowView, canReview, items);
    }

    /** The caller's view of one review they just wrote, replied to or hid. */
    ReviewView view(AuthenticatedUser user, Review review) {
        ContractSnapshot contract = contracts.find(review.contractId()).orElseThrow();
        return view(review, contract, user.is(Role.ADMIN));
    }

    /** Published reviews about the user, newest first, with the rating figures the profiles show. */
    UserReviewsPage publishedAbout(UUID userId, ReviewCursor after, int limit) {
        List<Review> page = reviews.publishedAbout(userId, after.at(), after.id(), limit + 1);
        String next = null;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            Review last = page.get(limit - 1);
            next = ReviewCursor.of(last.publishedAt(), last.id());
        }
        Map<UUID, ReviewWindow> windows =
                reviews.windowsOf(page.stream().map(Review::contractId).toList());
        List<PublicReviewView> items = page.stream()
                .map(review -> new PublicReviewView(
                        review.id(),
                        review.authorId(),
                        authorSide(review, windows.get(review.contractId())),
                        review.rating(),
                        review.body(),
                        review.publishedAt(),
                        ReplyView.of(review)))
                .toList();
        RatingFigures.Summary summary = ratings.of(userId);
        return new UserReviewsPage(
                userId, new RatingSummary(summary.reviewCount(), summary.averageRating()), items, next);
    }

    /** From the window; a review written without one (never through these routes) falls back on its contract. */
    private Side authorSide(Review review, ReviewWindow window) {
        if (window != null) {
            return window.sideOf(review.authorId());
        }
        return contracts
                .find(review.contractId())
                .map(contract -> Side.of(contract, review.authorId()))
                .orElse(null);
    }

    private static ReviewView view(Review review, ContractSnapshot contract, boolean admin) {
        return new ReviewView(
                review.id(),
                review.contractId(),
                review.authorId(),
                Side.of(contract, review.authorId()),
                review.subjectId(),
                review.rating(),
                review.body(),
                review.status(),
                review.submittedAt(),
                review.publishedAt(),
                ReplyView.of(review),
                admin && review.status() == ReviewStatus.HIDDEN
                        ? new ModerationView(review.hiddenReason(), review.hiddenBy(), review.hiddenAt())
                        : null);
    }
}
