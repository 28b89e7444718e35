package com.fairtradeworker.profiles.contractor;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.identity.IdentityApi;
import com.fairtradeworker.shared.NotFoundException;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The admins' side of verification: the queue of submissions and the decision on each, audited with its reason. */
@Service
public class VerificationReview {

    public static final int MAX_PAGE_SIZE = 100;

    /** What an admin decides about a PENDING submission. */
    public enum Decision {
        VERIFIED,
        REJECTED
    }

    private final ContractorProfileRepository profiles;
    private final IdentityApi identity;
    private final VerificationMails mails;
    private final AuditLog audit;
    private final Clock clock;

    VerificationReview(
            ContractorProfileRepository profiles,
            IdentityApi identity,
            VerificationMails mails,
            AuditLog audit,
            Clock clock) {
        this.profiles = profiles;
        this.identity = identity;
        this.mails = mails;
        this.audit = audit;
        this.clock = clock;
    }

    public List<ContractorProfile> queue(VerificationStatus status, Instant afterUpdatedAt, UUID afterId, int limit) {
        return profiles.byVerificationStatus(
                status, afterUpdatedAt, afterId, Math.max(1, Math.min(limit, MAX_PAGE_SIZE)));
    }

    /**
     * Grants or refuses the badge. A rejection needs a reason; a grant needs a licence and insurance that are still
     * valid today (they may have lapsed while the submission waited).
     */
    @Transactional
    public ContractorProfile decide(UUID adminId, UUID contractorId, Decision decision, String reason) {
        ContractorProfile profile = profiles.lock(contractorId).orElseThrow(() -> new NotFoundException("contractor"));
        Instant now = clock.instant();
        Verification decided = switch (decision) {
            case VERIFIED -> {
                Verification granted = profile.verification().verify(adminId, now, blankToNull(reason));
                requireCurrentCredentials(profile, LocalDate.ofInstant(now, ZoneOffset.UTC));
                yield granted;
            }
            case REJECTED -> profile.verification().reject(requireReason(reason));
        };
        profiles.save(profile.withVerification(decided), now);
        Map<String, Object> details = new HashMap<>();
        details.put("previousStatus", profile.verification().status().name());
        if (decided.note() != null) {
            details.put("reason", decided.note());
        }
        audit.record(AuditEntry.byUser(
                        adminId,
                        decision == Decision.VERIFIED ? "CONTRACTOR_VERIFIED" : "CONTRACTOR_VERIFICATION_REJECTED",
                        "contractor_profile",
                        contractorId)
                .with(details));
        identity.account(contractorId).ifPresent(account -> mails.decided(account, decided));
        return profiles.find(contractorId).orElseThrow();
    }

    private static void requireCurrentCredentials(ContractorProfile profile, LocalDate today) {
        List<String> lapsed = profile.missingForBidding(today).stream()
                .filter(field -> field.equals("licence") || field.equals("insurance"))
                .toList();
        if (!lapsed.isEmpty()) {
            throw new ProblemException(
                    ProblemType.STATE_CONFLICT,
                    "The contractor's " + String.join(" and ", lapsed) + " is missing or has expired.",
                    Map.of("verificationStatus", profile.verification().status(), "missing", lapsed));
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new ProblemException(
                    ProblemType.VALIDATION_FAILED,
                    "Some fields are invalid.",
                    Map.of("errors", List.of(Map.of("field", "reason", "message", "is required for a rejection"))));
        }
        return reason.strip();
    }
}
