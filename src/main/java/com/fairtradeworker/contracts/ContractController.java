package com.fairtradeworker.contracts;

import com.fairtradeworker.identity.AuthenticatedUser;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Acceptance of a bid into a contract, and the contract's own routes. No request here carries a body. */
@RestController
class ContractController {

    private final Acceptance acceptance;
    private final ContractCancellation cancellation;
    private final ContractQueries queries;

    ContractController(Acceptance acceptance, ContractCancellation cancellation, ContractQueries queries) {
        this.acceptance = acceptance;
        this.cancellation = cancellation;
        this.queries = queries;
    }

    @Operation(
            summary = "Accept a bid: it becomes the job's contract",
            description = "The job's HOMEOWNER, while the job is OPEN (before or after the bidding deadline). The job"
                    + " becomes AWARDED, the bid ACCEPTED, every other bid REJECTED; the funding window starts. 409"
                    + " with the job's state if the job is no longer OPEN (for example, another bid was accepted).")
    @PostMapping("/api/bids/{bidId}/accept")
    ResponseEntity<ContractView> accept(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID bidId) {
        Contract contract = acceptance.accept(signedIn(user).userId(), bidId);
        return ResponseEntity.created(URI.create("/api/contracts/" + contract.id()))
                .body(queries.view(contract));
    }

    @Operation(summary = "One contract", description = "Its two parties and ADMIN; anyone else 404.")
    @GetMapping("/api/contracts/{contractId}")
    ContractView contract(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID contractId) {
        return queries.visibleContract(signedIn(user), contractId);
    }

    @Operation(
            summary = "My contracts, newest first",
            description = "Any signed-in user; the contracts they are a party to. Keyset pagination.")
    @GetMapping("/api/me/contracts")
    ContractQueries.ContractPage myContracts(
            @AuthenticationPrincipal AuthenticatedUser user,
            @RequestParam(defaultValue = "20") @Min(1) @Max(ContractCursor.MAX_PAGE_SIZE) int limit,
            @RequestParam(required = false) @Size(max = 200) String cursor) {
        ContractCursor before = ContractCursor.parse(cursor);
        return queries.ownContracts(signedIn(user), before.at(), before.id(), limit);
    }

    @Operation(
            summary = "Cancel a contract that is not funded yet",
            description = "Its HOMEOWNER, only while PENDING_FUNDING; the job is cancelled too.")
    @PostMapping("/api/contracts/{contractId}/cancel")
    ContractView cancel(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID contractId) {
        return queries.view(cancellation.cancelByHomeowner(signedIn(user).userId(), contractId));
    }

    /** Second lock on the door behind {@link ContractRoutes}. */
    private static AuthenticatedUser signedIn(AuthenticatedUser user) {
        if (user == null) {
            throw new ProblemException(ProblemType.UNAUTHENTICATED, "Sign in to use this route.");
        }
        return user;
    }
}
