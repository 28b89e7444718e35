package com.fairtradeworker.escrow;

import com.fairtradeworker.contracts.ContractSnapshot;
import com.fairtradeworker.contracts.ContractStatus;
import com.fairtradeworker.contracts.ContractsApi;
import com.fairtradeworker.shared.Money;
import com.fairtradeworker.shared.NotFoundException;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * FUNDED -> REFUNDED by agreement before completion is submitted: one party proposes, the other accepts, and the whole
 * escrow goes back to the payer without a fee; the job is cancelled with it.
 */
@Service
class MutualCancellation {

    private final ContractsApi contracts;
    private final EscrowMovements movements;

    MutualCancellation(ContractsApi contracts, EscrowMovements movements) {
        this.contracts = contracts;
        this.movements = movements;
    }

    @Transactional
    ContractSnapshot propose(UUID partyId, UUID contractId) {
        return contracts.recordCancellationProposal(contractId, partyId, true);
    }

    @Transactional
    ContractSnapshot withdraw(UUID partyId, UUID contractId) {
        return contracts.recordCancellationProposal(contractId, partyId, false);
    }

    @Transactional
    EscrowEvents.EscrowExited accept(UUID partyId, UUID contractId) {
        ContractSnapshot contract = contracts
                .lock(contractId)
                .filter(found -> found.isParty(partyId))
                .orElseThrow(() -> new NotFoundException("contract"));
        if (contract.status() != ContractStatus.FUNDED) {
            throw new ProblemException(
                    ProblemType.STATE_CONFLICT,
                    "The contract is " + contract.status() + "; mutual cancellation ends only a FUNDED contract.",
                    Map.of("status", contract.status()));
        }
        if (contract.cancellationProposedBy() == null
                || contract.cancellationProposedBy().equals(partyId)) {
            throw new ProblemException(
                    ProblemType.STATE_CONFLICT,
                    "There is no cancellation proposal from the other party to accept.",
                    Map.of("status", contract.status()));
        }
        return movements.exit(
                contractId, new Money(0, contract.amount().currency()), ExitCause.MUTUAL_CANCELLATION, partyId);
    }
}
