package com.fairtradeworker.disputes;

import com.fairtradeworker.completions.EvidenceView;
import com.fairtradeworker.disputes.DisputeViews.DisputeList;
import com.fairtradeworker.disputes.DisputeViews.DisputeView;
import com.fairtradeworker.disputes.DisputeViews.EntryView;
import com.fairtradeworker.identity.AuthenticatedUser;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The parties' dispute routes. Only the contract's homeowner and contractor may open, respond, add statements or
 * evidence, or withdraw; anyone else gets the 404 of a missing contract or dispute. Admins read every dispute here and
 * decide them under {@code /api/admin/disputes}.
 */
@RestController
class DisputeController {

    private final DisputeLifecycle lifecycle;
    private final DisputeQueries queries;

    DisputeController(DisputeLifecycle lifecycle, DisputeQueries queries) {
        this.lifecycle = lifecycle;
        this.queries = queries;
    }

    record EvidenceList(List<EvidenceView> items) {}

    @Operation(
            summary = "Open a dispute on the contract",
            description = "Either party (HOMEOWNER or CONTRACTOR of the contract) while it is FUNDED or"
                    + " COMPLETION_SUBMITTED; anyone else 404. Body: reason (WORK_NOT_DONE, WORK_INCOMPLETE,"
                    + " POOR_QUALITY, NOT_AS_AGREED, DELAYED, APPROVAL_WITHHELD, OTHER), desiredOutcome (RELEASE,"
                    + " REFUND, SPLIT), desiredSplit (the amount to the contractor, only for SPLIT, more than zero and"
                    + " less than the contract amount), statement (1-5000 characters). In one transaction the contract"
                    + " becomes DISPUTED, its escrow is frozen, its clocks pause and the other party's response clock"
                    + " (app.disputes.response-window, 5 days) starts. 409 when the contract already has an open"
                    + " dispute or is in another state. Also accepts multipart/form-data with the JSON as part"
                    + " 'dispute' and evidence files as parts 'files'.")
    @PostMapping(path = "/api/contracts/{contractId}/disputes", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<DisputeView> open(
            @AuthenticationPrincipal AuthenticatedUser user,
            @PathVariable UUID contractId,
            @RequestBody DisputeInput.OpenDispute request) {
        return opened(lifecycle.open(signedIn(user).userId(), contractId, request, List.of()));
    }

    @Operation(
            summary = "Open a dispute on the contract, with evidence files",
            description = "As the JSON form, with the JSON body as part 'dispute' (application/json) and up to 20"
                    + " files (JPEG, PNG, WebP, HEIC or PDF by content) as parts 'files'. All or nothing.")
    @PostMapping(path = "/api/contracts/{contractId}/disputes", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<DisputeView> openWithEvidence(
            @AuthenticationPrincipal AuthenticatedUser user,
            @PathVariable UUID contractId,
            @RequestPart("dispute") DisputeInput.OpenDispute request,
            @RequestPart(name = "files", required = false) List<MultipartFile> files) {
        return opened(lifecycle.open(signedIn(user).userId(), contractId, request, files == null ? List.of() : files));
    }

    @Operation(
            summary = "The contract's disputes, newest first",
            description = "The contract's two parties and ADMIN; anyone else 404. Each with its statements,"
                    + " responses, evidence and, once decided, the outcome with its written reason.")
    @GetMapping("/api/contracts/{contractId}/disputes")
    DisputeList ofContract(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID contractId) {
        return new DisputeList(queries.ofContract(signedIn(user), contractId));
    }

    @Operation(
            summary = "One dispute",
            description = "The contract's two parties and ADMIN; anyone else 404. The claim, the response clock,"
                    + " every response and statement, the evidence, and once decided the outcome with its reason.")
    @GetMapping("/api/disputes/{disputeId}")
    DisputeView dispute(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID disputeId) {
        return queries.visible(signedIn(user), disputeId);
    }

    @Operation(
            summary = "Respond to the dispute",
            description = "The party who did not open it, once, while it is OPEN (before the response clock runs"
                    + " out); the opener 403, anyone else 404. Body: statement (1-5000 characters). The dispute"
                    + " becomes AWAITING_MEDIATION and waits for an admin.")
    @PostMapping("/api/disputes/{disputeId}/response")
    DisputeView respond(
            @AuthenticationPrincipal AuthenticatedUser user,
            @PathVariable UUID disputeId,
            @RequestBody DisputeInput.Statement request) {
        AuthenticatedUser caller = signedIn(user);
        lifecycle.respond(caller.userId(), disputeId, request);
        return queries.visible(caller, disputeId);
    }

    @Operation(
            summary = "Add a statement to the dispute",
            description = "Either party, while the dispute is OPEN or AWAITING_MEDIATION; anyone else 404. Body:"
                    + " statement (1-5000 characters).")
    @PostMapping("/api/disputes/{disputeId}/statements")
    ResponseEntity<EntryView> addStatement(
            @AuthenticationPrincipal AuthenticatedUser user,
            @PathVariable UUID disputeId,
            @RequestBody DisputeInput.Statement request) {
        DisputeEntry entry = lifecycle.addStatement(signedIn(user).userId(), disputeId, request);
        return ResponseEntity.created(URI.create("/api/disputes/" + disputeId)).body(queries.entryView(entry));
    }

    @Operation(
            summary = "Attach evidence files to the dispute",
            description = "Either party, while the dispute is OPEN or AWAITING_MEDIATION; anyone else 404."
                    + " multipart/form-data with the files as parts 'files' (JPEG, PNG, WebP, HEIC or PDF by content;"
                    + " at most 20 per party per dispute). All or nothing.")
    @PostMapping(path = "/api/disputes/{disputeId}/evidence", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<EvidenceList> addEvidence(
            @AuthenticationPrincipal AuthenticatedUser user,
            @PathVariable UUID disputeId,
            @RequestPart(name = "files", required = false) List<MultipartFile> files) {
        List<EvidenceView> attached =
                lifecycle.addEvidence(signedIn(user).userId(), disputeId, files == null ? List.of() : files);
        return ResponseEntity.created(URI.create("/api/disputes/" + disputeId)).body(new EvidenceList(attached));
    }

    @Operation(
            summary = "Withdraw the dispute",
            description = "The party who opened it, while it is OPEN or AWAITING_MEDIATION; the other party 403,"
                    + " anyone else 404. The contract returns to its state before the dispute, the escrow is"
                    + " unfrozen and the contract's clocks resume with exactly the time they had left.")
    @PostMapping("/api/disputes/{disputeId}/withdraw")
    DisputeView withdraw(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID disputeId) {
        AuthenticatedUser caller = signedIn(user);
        lifecycle.withdraw(caller.userId(), disputeId);
        return queries.visible(caller, disputeId);
    }

    private ResponseEntity<DisputeView> opened(Dispute dispute) {
        return ResponseEntity.created(URI.create("/api/disputes/" + dispute.id()))
                .body(queries.view(dispute));
    }

    /** Second lock on the door behind {@link DisputeRoutes}. */
    static AuthenticatedUser signedIn(AuthenticatedUser user) {
        if (user == null) {
            throw new ProblemException(ProblemType.UNAUTHENTICATED, "Sign in to use this route.");
        }
        return user;
    }
}
