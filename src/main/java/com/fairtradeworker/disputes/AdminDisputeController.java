package com.fairtradeworker.disputes;

import com.fairtradeworker.disputes.DisputeViews.AdminDisputeView;
import com.fairtradeworker.disputes.DisputeViews.QueuePage;
import com.fairtradeworker.idempotency.IdempotentRequest;
import com.fairtradeworker.idempotency.IdempotentRequests;
import com.fairtradeworker.identity.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The admins' dispute queue, a dispute's whole record, and the decision that moves the money. ADMIN only. */
@RestController
class AdminDisputeController {

    private final DisputeQueries queries;
    private final DisputeResolutions resolutions;
    private final IdempotentRequests idempotent;

    AdminDisputeController(DisputeQueries queries, DisputeResolutions resolutions, IdempotentRequests idempotent) {
        this.queries = queries;
        this.resolutions = resolutions;
        this.idempotent = idempotent;
    }

    @Operation(
            summary = "The dispute queue, oldest first",
            description = "ADMIN. Disputes in the given status (OPEN, AWAITING_MEDIATION, RESOLVED, WITHDRAWN); without"
                    + " one, every dispute still waiting for a response or a decision (OPEN and AWAITING_MEDIATION)."
                    + " Oldest first by opening time; keyset pagination (limit 1-50, the next cursor in the body).")
    @GetMapping("/api/admin/disputes")
    QueuePage queue(
            @AuthenticationPrincipal AuthenticatedUser user,
            @RequestParam(required = false) DisputeStatus status,
            @RequestParam(defaultValue = "20") @Min(1) @Max(DisputeCursor.MAX_PAGE_SIZE) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        DisputeController.signedIn(user);
        List<DisputeStatus> statuses = status == null ? DisputeQueries.OPEN_QUEUE : List.of(status);
        return queries.queue(statuses, DisputeCursor.parse(cursor), limit);
    }

    @Operation(
            summary = "One dispute's whole record",
            description = "ADMIN. The claim, every response and statement, the evidence metadata, the resolution and"
                    + " who made it, the contract's terms and its escrow (movements on GET"
                    + " /api/contracts/{contractId}/escrow).")
    @GetMapping("/api/admin/disputes/{disputeId}")
    AdminDisputeView dispute(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID disputeId) {
        DisputeController.signedIn(user);
        return queries.forAdmin(disputeId);
    }

    @Operation(
            summary = "Resolve the dispute: the escrow is released, refunded or split",
            description =
                    "ADMIN; Idempotency-Key required; once the other party has responded (AWAITING_MEDIATION), 409"
                            + " otherwise and once decided. Body: outcome (RELEASE: all to the contractor less the platform"
                            + " fee; REFUND: all back to the payer, no fee; SPLIT: splitToContractor to the contractor less"
                            + " the fee on that part, the rest back to the payer), splitToContractor (only for SPLIT, more"
                            + " than zero and less than the contract amount), reason (1-2000 characters, shown to both"
                            + " parties). The contract ends with the same outcome; its paused clocks are cancelled.")
    @PostMapping("/api/admin/disputes/{disputeId}/resolution")
    ResponseEntity<?> resolve(
            @AuthenticationPrincipal AuthenticatedUser user,
            @PathVariable UUID disputeId,
            @RequestHeader(name = IdempotentRequests.KEY_HEADER, required = false) String key,
            @RequestBody DisputeInput.Resolve request,
            HttpServletRequest http) {
        UUID adminId = DisputeController.signedIn(user).userId();
        return idempotent.execute(IdempotentRequest.of(adminId, key, http, request), () -> {
            resolutions.resolveByAdmin(adminId, disputeId, request);
            return ResponseEntity.ok(queries.forAdmin(disputeId));
        });
    }
}
