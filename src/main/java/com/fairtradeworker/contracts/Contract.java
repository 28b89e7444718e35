package com.fairtradeworker.contracts;

import com.fairtradeworker.bidding.BidSnapshot;
import com.fairtradeworker.jobs.JobSnapshot;
import com.fairtradeworker.shared.Money;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A contract as stored in {@code bid_contracts}: the accepted terms, copied from the bid at acceptance so later
 * revisions or fee changes cannot alter them, and its state with guarded transitions.
 */
record Contract(
        UUID id,
        UUID jobId,
        UUID bidId,
        UUID homeownerId,
        UUID contractorId,
        Money amount,
        int feeRateBps,
        String scopeText,
        String jobTitle,
        Integer estimatedDurationDays,
        ContractStatus status,
        ContractStatus statusBeforeDispute,
        String transferGroup,
        UUID cancellationProposedBy,
        Instant cancellationProposedAt,
        Instant acceptedAt,
        Instant fundedAt,
        Instant endedAt) {

    static Contract fromAcceptedBid(BidSnapshot bid, JobSnapshot job, Instant now) {
        UUID id = UUID.randomUUID();
        return new Contract(
                id,
                job.id(),
                bid.id(),
                job.homeownerId(),
                bid.contractorId(),
                bid.amount(),
                bid.feeRateBps(),
                bid.proposal(),
                job.title(),
                bid.estimatedDurationDays(),
                ContractStatus.PENDING_FUNDING,
                null,
                "contract_" + id,
                null,
                null,
                now,
                null,
                null);
    }

    /**
     * The one way a contract changes state: refused with the current state unless the domain guide allows the step.
     * Funding stamps {@code fundedAt}, a terminal state stamps {@code endedAt}, a dispute remembers where to return, and
     * any move drops a pending mutual-cancellation proposal.
     */
    Contract moveTo(ContractStatus next, Instant now) {
        if (!status.canTransitionTo(next)) {
            throw new ProblemException(
                    ProblemType.STATE_CONFLICT,
                    "The contract is " + status + " and cannot become " + next + ".",
                    Map.of("status", status));
        }
        if (status == ContractStatus.DISPUTED
                && (next == ContractStatus.FUNDED || next == ContractStatus.COMPLETION_SUBMITTED)
                && next != statusBeforeDispute) {
            throw new ProblemException(
                    ProblemType.STATE_CONFLICT,
                    "The dispute was opened while the contract was " + statusBeforeDispute + "; it returns there.",
                    Map.of("status", status));
        }
        return new Contract(
                id,
                jobId,
                bidId,
                homeownerId,
                contractorId,
                amount,
                feeRateBps,
                scopeText,
                jobTitle,
                estimatedDurationDays,
                next,
                next == ContractStatus.DISPUTED ? status : null,
                transferGroup,
                null,
                null,
                acceptedAt,
                next == ContractStatus.FUNDED && fundedAt == null ? now : fundedAt,
                next.terminal() ? now : null);
    }

    /** One party proposes mutual cancellation of the funded contract; the other may accept it. */
    Contract withCancellationProposal(UUID proposerId, Instant now) {
        if (status != ContractStatus.FUNDED) {
            throw new ProblemException(
                    ProblemType.STATE_CONFLICT,
                    "The contract is " + status + "; mutual cancellation is possible only while it is FUNDED and no"
                            + " completion is submitted.",
                    Map.of("status", status));
        }
        return new Contract(
                id,
                jobId,
                bidId,
                homeownerId,
                contractorId,
                amount,
                feeRateBps,
                scopeText,
                jobTitle,
                estimatedDurationDays,
                status,
                statusBeforeDispute,
                transferGroup,
                proposerId,
                proposerId == null ? null : now,
                acceptedAt,
                fundedAt,
                endedAt);
    }

    boolean isParty(UUID userId) {
        return homeownerId.equals(userId) || contractorId.equals(userId);
    }

    /** floor(amount x rate / 10,000): the fee if the whole amount is released. */
    Money platformFee() {
        return amount.basisPoints(feeRateBps);
    }

    ContractSnapshot snapshot() {
        return new ContractSnapshot(
                id,
                jobId,
                bidId,
                homeownerId,
                contractorId,
                amount,
                feeRateBps,
                status,
                statusBeforeDispute,
                transferGroup,
                cancellationProposedBy,
                jobTitle);
    }
}
