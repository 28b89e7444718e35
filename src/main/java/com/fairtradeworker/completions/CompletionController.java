package com.fairtradeworker.completions;

import com.fairtradeworker.completions.CompletionViews.CompletionView;
import com.fairtradeworker.idempotency.IdempotentRequest;
import com.fairtradeworker.idempotency.IdempotentRequests;
import com.fairtradeworker.identity.AuthenticatedUser;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Submitting, reading and deciding completions. Submission is one request: multipart with a JSON part {@code
 * completion} and up to 20 {@code files} parts, or plain JSON without files. Approval moves money and needs an
 * Idempotency-Key.
 */
@RestController
class CompletionController {

    private static final String SUBMIT = "/api/contracts/{contractId}/completion";
    private static final String SUBMIT_DESCRIPTION = "The contract's CONTRACTOR, while the contract is FUNDED."
            + " multipart/form-data: a part `completion` (application/json: {summary: 1-2000 characters, notes:"
            + " optional, up to 5000}) and up to 20 parts `files` (JPEG, PNG, WebP, HEIC or PDF, checked by content:"
            + " 415 otherwise; each at most the storage limit, 10 MB by default: 413 otherwise); or application/json"
            + " with the same fields and no files. The contract becomes COMPLETION_SUBMITTED and the approval window"
            + " starts (14 days by default; `autoApprovesAt` in the answer). 201 with the submission; others' contracts"
            + " 404; a contract in another state 409.";

    record CompletionRequest(String summary, String notes) {}

    record ChangesRequest(String reason) {}

    private final Completions completions;
    private final CompletionQueries queries;
    private final IdempotentRequests idempotent;

    CompletionController(Completions completions, CompletionQueries queries, IdempotentRequests idempotent) {
        this.completions = completions;
        this.queries = queries;
        this.idempotent = idempotent;
    }

    @Operation(summary = "Submit the finished work with evidence files", description = SUBMIT_DESCRIPTION)
    @PostMapping(path = SUBMIT, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<CompletionView> submitWithFiles(
            @AuthenticationPrincipal AuthenticatedUser user,
            @PathVariable UUID contractId,
            @RequestPart("completion") CompletionRequest completion,
            @RequestPart(name = "files", required = false) List<MultipartFile> files) {
        return submit(user, contractId, completion, files);
    }

    @Operation(summary = "Submit the finished work without files", description = SUBMIT_DESCRIPTION)
    @PostMapping(path = SUBMIT, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CompletionView> submitJson(
            @AuthenticationPrincipal AuthenticatedUser user,
            @PathVariable UUID contractId,
            @RequestBody CompletionRequest completion) {
        return submit(user, contractId, completion, List.of());
    }

    @Operation(
            summary = "Every completion submission of the contract",
            description = "Its two parties and ADMIN; anyone else 404. Newest first, each with its evidence files"
                    + " (metadata; the bytes at each file's downloadPath) and, while it awaits a decision, when the"
                    + " approval clock will approve it (`autoApprovesAt`; null while a dispute pauses the clock).")
    @GetMapping("/api/contracts/{contractId}/completions")
    CompletionViews.History history(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID contractId) {
        return queries.history(signedIn(user), contractId);
    }

    @Operation(
            summary = "One completion submission",
            description = "The contract's two parties and ADMIN; anyone else 404.")
    @GetMapping("/api/completions/{completionId}")
    CompletionView one(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID completionId) {
        return queries.one(signedIn(user), completionId);
    }

    @Operation(
            summary = "Approve the submitted work: escrow is released to the contractor",
            description = "The contract's HOMEOWNER, while the contract is COMPLETION_SUBMITTED; Idempotency-Key"
                    + " required. The contract and escrow become RELEASED; the contractor receives the amount less"
                    + " the platform fee (floor(amount x rate / 10000)); the payout follows. Others' contracts 404;"
                    + " nothing awaiting approval 409.")
    @PostMapping("/api/contracts/{contractId}/completion/approve")
    ResponseEntity<?> approve(
            @AuthenticationPrincipal AuthenticatedUser user,
            @PathVariable UUID contractId,
            @RequestHeader(name = IdempotentRequests.KEY_HEADER, required = false) String key,
            HttpServletRequest http) {
        UUID userId = signedIn(user).userId();
        return idempotent.execute(
                IdempotentRequest.of(userId, key, http, null),
                () -> ResponseEntity.ok(completions.approve(userId, contractId)));
    }

    @Operation(
            summary = "Ask for changes to the submitted work",
            description = "The contract's HOMEOWNER, while the contract is COMPLETION_SUBMITTED, with a reason (1-2000"
                    + " characters). The submission becomes CHANGES_REQUESTED (kept in the history), the contract"
                    + " FUNDED again and the approval clock stops; the contractor may submit anew.")
    @PostMapping("/api/contracts/{contractId}/completion/changes")
    CompletionViews.ChangesRequested requestChanges(
            @AuthenticationPrincipal AuthenticatedUser user,
            @PathVariable UUID contractId,
            @RequestBody ChangesRequest request) {
        String reason = CompletionText.reason(request.reason());
        return completions.requestChanges(signedIn(user).userId(), contractId, reason);
    }

    private ResponseEntity<CompletionView> submit(
            AuthenticatedUser user, UUID contractId, CompletionRequest request, List<MultipartFile> files) {
        UUID contractorId = signedIn(user).userId();
        CompletionText text = CompletionText.validated(request.summary(), request.notes());
        CompletionView submitted = completions.submit(contractorId, contractId, text, files);
        return ResponseEntity.created(URI.create("/api/completions/" + submitted.id()))
                .body(submitted);
    }

    /** Second lock on the door behind {@link CompletionRoutes}. */
    static AuthenticatedUser signedIn(AuthenticatedUser user) {
        if (user == null) {
            throw new ProblemException(ProblemType.UNAUTHENTICATED, "Sign in to use this route.");
        }
        return user;
    }
}
