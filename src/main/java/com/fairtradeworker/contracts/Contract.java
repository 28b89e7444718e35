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
        String transferGroup,
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
                "contract_" + id,
                now,
                null,
                null);
    }

    /** PENDING_FUNDING -> CANCELLED: by the homeowner, or when the funding window passes. */
    Contract cancel(Instant now) {
        requireTransition(ContractStatus.CANCELLED);
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
                ContractStatus.CANCELLED,
                transferGroup,
                acceptedAt,
                fundedAt,
                now);
    }

    boolean isParty(UUID userId) {
        return homeownerId.equals(userId) || contractorId.equals(userId);
    }

    /** floor(amount x rate / 10,000): the fee if the whole amount is released. */
    Money platformFee() {
        return amount.basisPoints(feeRateBps);
    }

    ContractSnapshot snapshot() {
        return new ContractSnapshot(id, jobId, bidId, homeownerId, contractorId, amount, feeRateBps, status);
    }

    private void requireTransition(ContractStatus next) {
        if (!status.canTransitionTo(next)) {
            throw new ProblemException(
                    ProblemType.STATE_CONFLICT,
                    "The contract is " + status + " and cannot become " + next + ".",
                    Map.of("status", status));
        }
    }
}
