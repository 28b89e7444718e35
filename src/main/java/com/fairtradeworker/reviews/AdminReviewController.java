package com.fairtradeworker.reviews;

import com.fairtradeworker.identity.AuthenticatedUser;
import com.fairtradeworker.identity.Role;
import com.fairtradeworker.reviews.ReviewViews.ReviewView;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Moderation: an admin hides an abusive review. ADMIN only. */
@RestController
class AdminReviewController {

    private final Reviews reviews;
    private final ReviewQueries queries;

    AdminReviewController(Reviews reviews, ReviewQueries queries) {
        this.reviews = reviews;
        this.queries = queries;
    }

    @Operation(
            summary = "Hide a review for abuse",
            description = "ADMIN. Body: reason (1-1000 characters, kept on the review, shown to admins). A published"
                    + " review disappears from every public list and from its subject's rating count and average at"
                    + " once; an unpublished one is never published. Audited (REVIEW_HIDDEN). 409 if already hidden.")
    @PostMapping("/api/admin/reviews/{reviewId}/hide")
    ReviewView hide(
            @AuthenticationPrincipal AuthenticatedUser user,
            @PathVariable UUID reviewId,
            @RequestBody ReviewInput.Hide request) {
        AuthenticatedUser admin = ReviewController.signedIn(user);
        if (!admin.is(Role.ADMIN)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only admins hide reviews.");
        }
        return queries.view(admin, reviews.hide(admin.userId(), reviewId, request));
    }
}
