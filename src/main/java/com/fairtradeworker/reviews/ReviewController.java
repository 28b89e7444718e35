package com.fairtradeworker.reviews;

import com.fairtradeworker.identity.AuthenticatedUser;
import com.fairtradeworker.reviews.ReviewViews.ContractReviews;
import com.fairtradeworker.reviews.ReviewViews.ReviewView;
import com.fairtradeworker.reviews.ReviewViews.UserReviewsPage;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The parties' review routes and the public list of a user's reviews. A contract's reviews are for its two parties
 * and admins (anyone else gets the 404 of a missing contract); a review not yet published is seen by its author and
 * admins only, so the other party cannot tell whether it exists.
 */
@RestController
class ReviewController {

    private final Reviews reviews;
    private final ReviewQueries queries;

    ReviewController(Reviews reviews, ReviewQueries queries) {
        this.reviews = reviews;
        this.queries = queries;
    }

    @Operation(
            summary = "Review the other party of the contract",
            description = "Either party (HOMEOWNER or CONTRACTOR of the contract), once, within the rating window"
                    + " (app.reviews.rating-window, 14 days after the contract ended RELEASED or SPLIT, or REFUNDED"
                    + " by a dispute's decision; never after a mutual cancellation: 409). Body: rating (whole number"
                    + " 1-5), text (1-2000 characters). The review stays SUBMITTED, seen only by its author and"
                    + " admins, until the other party has reviewed too (both are PUBLISHED at once) or the window"
                    + " closes. Cannot be changed or deleted: a second review 409. Anyone else 404.")
    @PostMapping("/api/contracts/{contractId}/review")
    ResponseEntity<ReviewView> submit(
            @AuthenticationPrincipal AuthenticatedUser user,
            @PathVariable UUID contractId,
            @RequestBody ReviewInput.Submit request) {
        AuthenticatedUser caller = signedIn(user);
        Review review = reviews.submit(caller.userId(), contractId, request);
        return ResponseEntity.created(URI.create("/api/contracts/" + contractId + "/reviews"))
                .body(queries.view(caller, review));
    }

    @Operation(
            summary = "The contract's reviews",
            description = "The contract's two parties: their own review (any state) and the other party's once"
                    + " published; nothing tells whether the other party has reviewed before publication. ADMIN: every"
                    + " review with its moderation. Also the rating window and whether the caller may review now."
                    + " Anyone else 404.")
    @GetMapping("/api/contracts/{contractId}/reviews")
    ContractReviews ofContract(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID contractId) {
        return queries.ofContract(signedIn(user), contractId);
    }

    @Operation(
            summary = "A user's published reviews, newest first",
            description = "Anyone, signed in or not. Published reviews about the user (never unpublished or hidden"
                    + " ones) with their replies, and the rating figures the profiles show (count and average of"
                    + " published reviews). Keyset pagination: limit 1-50 (default 20), nextCursor as cursor.")
    @GetMapping("/api/users/{userId}/reviews")
    UserReviewsPage ofUser(
            @PathVariable UUID userId,
            @RequestParam(defaultValue = "20") @Min(1) @Max(ReviewCursor.MAX_PAGE_SIZE) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        return queries.publishedAbout(userId, ReviewCursor.parse(cursor), limit);
    }

    @Operation(
            summary = "Reply to a review of me",
            description = "The reviewed party, once, to a published review. Body: text (1-2000 characters); public,"
                    + " and cannot be changed (a second reply 409). Others who can see the review 403; a review the"
                    + " caller cannot see (unpublished, hidden, missing) 404.")
    @PostMapping("/api/reviews/{reviewId}/reply")
    ReviewView reply(
            @AuthenticationPrincipal AuthenticatedUser user,
            @PathVariable UUID reviewId,
            @RequestBody ReviewInput.Reply request) {
        AuthenticatedUser caller = signedIn(user);
        return queries.view(caller, reviews.reply(caller.userId(), reviewId, request));
    }

    /** Second lock on the door behind {@link ReviewRoutes}. */
    static AuthenticatedUser signedIn(AuthenticatedUser user) {
        if (user == null) {
            throw new ProblemException(ProblemType.UNAUTHENTICATED, "Sign in to use this route.");
        }
        return user;
    }
}
