package com.fairtradeworker.profiles.contractor;

import com.fairtradeworker.identity.AuthenticatedUser;
import com.fairtradeworker.profiles.ServiceArea;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admins work through contractors' verification submissions and grant or refuse the badge. */
@RestController
class AdminVerificationController {

    private final VerificationReview review;

    AdminVerificationController(VerificationReview review) {
        this.review = review;
    }

    record Submission(
            UUID contractorId,
            String businessName,
            List<String> trades,
            ServiceArea serviceArea,
            Licence licence,
            Insurance insurance,
            VerificationStatus status,
            String note,
            Instant verifiedAt,
            UUID verifiedBy,
            Instant updatedAt) {

        static Submission of(ContractorProfile profile) {
            Verification verification = profile.verification();
            return new Submission(
                    profile.userId(),
                    profile.businessName(),
                    profile.trades(),
                    profile.serviceArea(),
                    profile.licence(),
                    profile.insurance(),
                    verification.status(),
                    verification.note(),
                    verification.verifiedAt(),
                    verification.verifiedBy(),
                    profile.updatedAt());
        }
    }

    record SubmissionPage(List<Submission> items, String nextCursor) {}

    record DecisionRequest(
            @NotNull VerificationReview.Decision decision,
            @Size(max = 2000) String reason) {}

    @Operation(
            summary = "Contractors by verification state (the verification queue)",
            description = "ADMIN only. Oldest change first; status defaults to PENDING. Keyset pagination: pass"
                    + " nextCursor back as cursor.")
    @GetMapping("/api/admin/contractor-verifications")
    SubmissionPage queue(
            @RequestParam(defaultValue = "PENDING") VerificationStatus status,
            @RequestParam(defaultValue = "50") @Min(1) @Max(VerificationReview.MAX_PAGE_SIZE) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        Cursor after = Cursor.parse(cursor);
        List<ContractorProfile> rows = review.queue(status, after.updatedAt(), after.id(), limit + 1);
        boolean more = rows.size() > limit;
        List<ContractorProfile> page = more ? rows.subList(0, limit) : rows;
        String next = more ? Cursor.of(page.get(page.size() - 1)) : null;
        return new SubmissionPage(page.stream().map(Submission::of).toList(), next);
    }

    @Operation(
            summary = "Verify or reject a contractor's licence and insurance",
            description = "ADMIN only. Only a PENDING submission can be decided (otherwise 409 with the current"
                    + " state); a rejection needs a reason; a contractor without a profile is 404. Audited.")
    @PostMapping("/api/admin/contractors/{contractorId}/verification")
    Submission decide(
            @AuthenticationPrincipal AuthenticatedUser admin,
            @PathVariable UUID contractorId,
            @Valid @RequestBody DecisionRequest request) {
        return Submission.of(review.decide(admin.userId(), contractorId, request.decision(), request.reason()));
    }

    /** An opaque cursor: the last row's update time and id. */
    record Cursor(Instant updatedAt, UUID id) {

        static Cursor parse(String value) {
            if (value == null || value.isBlank()) {
                return new Cursor(null, null);
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8).split("\\|");
                return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, "The cursor is not valid.");
            }
        }

        static String of(ContractorProfile profile) {
            String raw = profile.updatedAt() + "|" + profile.userId();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }
    }
}
