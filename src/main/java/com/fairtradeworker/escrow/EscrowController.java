package com.fairtradeworker.escrow;

import com.fairtradeworker.contracts.ContractSnapshot;
import com.fairtradeworker.contracts.ContractStatus;
import com.fairtradeworker.escrow.EscrowEvents.EscrowExited;
import com.fairtradeworker.idempotency.IdempotentRequest;
import com.fairtradeworker.idempotency.IdempotentRequests;
import com.fairtradeworker.identity.AuthenticatedUser;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Funding, the statement, mutual cancellation and payout accounts. Money-moving routes need an Idempotency-Key. */
@RestController
class EscrowController {

    private final Funding funding;
    private final MutualCancellation cancellation;
    private final EscrowStatement statements;
    private final PayoutAccounts payoutAccounts;
    private final IdempotentRequests idempotent;
    private final PaymentProvider provider;

    EscrowController(
            Funding funding,
            MutualCancellation cancellation,
            EscrowStatement statements,
            PayoutAccounts payoutAccounts,
            IdempotentRequests idempotent,
            PaymentProvider provider) {
        this.funding = funding;
        this.cancellation = cancellation;
        this.statements = statements;
        this.payoutAccounts = payoutAccounts;
        this.idempotent = idempotent;
        this.provider = provider;
    }

    @Operation(
            summary = "Fund the contract's escrow",
            description = "The contract's HOMEOWNER, with a verified e-mail, while the contract is PENDING_FUNDING;"
                    + " Idempotency-Key required. Creates (or reuses) the contract's one payment at the provider for"
                    + " the contract's amount. The escrow is HELD, the contract FUNDED and the job IN_PROGRESS when"
                    + " the provider reports success: at once with the SIMULATED provider, otherwise after the"
                    + " browser confirms the payment with the returned clientSecret. 402 if the provider declines.")
    @PostMapping("/api/contracts/{contractId}/fund")
    ResponseEntity<?> fund(
            @AuthenticationPrincipal AuthenticatedUser user,
            @PathVariable UUID contractId,
            @RequestHeader(name = IdempotentRequests.KEY_HEADER, required = false) String key,
            HttpServletRequest http) {
        UUID userId = signedIn(user).userId();
        return idempotent.execute(
                IdempotentRequest.of(userId, key, http, null),
                () -> funding.charge(funding.prepare(userId, contractId)), // no transaction while the provider answers
                charged -> {
                    Funding.FundingResult result = funding.record(charged);
                    ContractSnapshot contract = statements.visibleContract(user, contractId);
                    return ResponseEntity.ok(new EscrowViews.Funded(
                            provider.name(),
                            provider.simulated(),
                            EscrowViews.PaymentView.of(result.payment()),
                            result.clientSecret(),
                            contract.status(),
                            statements.escrowView(contract)));
                });
    }

    @Operation(
            summary = "The contract's escrow and statement",
            description = "Its two parties and ADMIN; anyone else 404. Every movement with its fee and the balance"
                    + " after it, and the payment, payout and refund records.")
    @GetMapping("/api/contracts/{contractId}/escrow")
    EscrowViews.Statement statement(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID contractId) {
        return statements.statement(signedIn(user), contractId);
    }

    @Operation(
            summary = "Propose mutual cancellation of the funded contract",
            description = "Either party, while the contract is FUNDED (before completion is submitted). The other"
                    + " party accepts it to refund the whole escrow to the homeowner, without a fee.")
    @PostMapping("/api/contracts/{contractId}/cancellation-proposal")
    EscrowViews.CancellationProposal propose(
            @AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID contractId) {
        ContractSnapshot contract = cancellation.propose(signedIn(user).userId(), contractId);
        return new EscrowViews.CancellationProposal(
                contract.id(), contract.status(), contract.cancellationProposedBy());
    }

    @Operation(summary = "Withdraw my cancellation proposal", description = "Only the party who proposed it.")
    @DeleteMapping("/api/contracts/{contractId}/cancellation-proposal")
    ResponseEntity<Void> withdraw(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable UUID contractId) {
        cancellation.withdraw(signedIn(user).userId(), contractId);
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "Accept the other party's cancellation proposal: the escrow is refunded",
            description = "The party who did not propose it; Idempotency-Key required. The contract becomes REFUNDED"
                    + " and the job CANCELLED; the refund to the payer follows at the provider.")
    @PostMapping("/api/contracts/{contractId}/cancellation-proposal/accept")
    ResponseEntity<?> accept(
            @AuthenticationPrincipal AuthenticatedUser user,
            @PathVariable UUID contractId,
            @RequestHeader(name = IdempotentRequests.KEY_HEADER, required = false) String key,
            HttpServletRequest http) {
        UUID userId = signedIn(user).userId();
        return idempotent.execute(IdempotentRequest.of(userId, key, http, null), () -> {
            EscrowExited exited = cancellation.accept(userId, contractId);
            return ResponseEntity.ok(exitedView(exited));
        });
    }

    @Operation(
            summary = "Connect my payout account",
            description = "CONTRACTOR with a profile. Answers the provider's onboarding link while onboarding is"
                    + " unfinished; once the account can receive payouts, every waiting payout is paid.")
    @PostMapping("/api/me/payout-account")
    EscrowViews.PayoutAccountView connectPayoutAccount(@AuthenticationPrincipal AuthenticatedUser user) {
        return payoutAccounts.connect(signedIn(user).userId());
    }

    private EscrowViews.Exited exitedView(EscrowExited exited) {
        return new EscrowViews.Exited(
                exited.contract(),
                ContractStatus.valueOf(exited.outcome().name()),
                provider.name(),
                provider.simulated(),
                exited.outcome(),
                exited.toContractor(),
                exited.platformFee(),
                exited.refunded());
    }

    /** Second lock on the door behind {@link EscrowRoutes}. */
    private static AuthenticatedUser signedIn(AuthenticatedUser user) {
        if (user == null) {
            throw new ProblemException(ProblemType.UNAUTHENTICATED, "Sign in to use this route.");
        }
        return user;
    }
}
