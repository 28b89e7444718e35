package com.fairtradeworker.contracts;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.contracts.ContractEvents.ContractStatusChanged;
import com.fairtradeworker.jobs.JobsApi;
import com.fairtradeworker.shared.NotFoundException;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import com.fairtradeworker.timers.DueTimers;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What later stages (escrow, completions, disputes, reviews) ask of contracts. Every change joins the caller's
 * transaction and starts by locking the contract row, the first lock of every contract and money operation (then the
 * escrow, then the job), so concurrent operations on one contract run one after the other.
 */
@Service
public class ContractsApi {

    private final ContractRepository contracts;
    private final JobsApi jobs;
    private final DueTimers timers;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ContractsApi(
            ContractRepository contracts,
            JobsApi jobs,
            DueTimers timers,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.contracts = contracts;
        this.jobs = jobs;
        this.timers = timers;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** The contract, whoever asks: callers apply their own visibility rules (parties and admins). */
    public Optional<ContractSnapshot> find(UUID contractId) {
        return contracts.find(contractId).map(Contract::snapshot);
    }

    /** Takes the contract's row lock for the rest of the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<ContractSnapshot> lock(UUID contractId) {
        return contracts.lock(contractId).map(Contract::snapshot);
    }

    /**
     * Moves the contract to {@code next} if the domain guide allows it (409 naming the current state otherwise), with
     * what belongs to the step in the same transaction: funding stops the funding clock and starts the job; an end with
     * money released completes the job, a full refund cancels it. Cancellation before funding is not a move of this
     * kind (see the contract's cancel route and funding clock). {@code actorId} is null for the system.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public ContractSnapshot moveTo(UUID contractId, ContractStatus next, UUID actorId) {
        if (next == ContractStatus.CANCELLED || next == ContractStatus.PENDING_FUNDING) {
            throw new IllegalArgumentException("Contracts are cancelled by their homeowner or the funding clock");
        }
        Contract contract = contracts.lock(contractId).orElseThrow(() -> new NotFoundException("contract"));
        Instant now = clock.instant();
        Contract moved = contract.moveTo(next, now);
        contracts.updateState(moved, now);
        switch (next) {
            case FUNDED -> {
                if (contract.status() == ContractStatus.PENDING_FUNDING) {
                    timers.cancel(Acceptance.FUNDING_WINDOW_ENDS, contractId);
                    jobs.start(contract.jobId(), actorId);
                }
            }
            case RELEASED, SPLIT -> jobs.complete(contract.jobId(), actorId);
            case REFUNDED -> jobs.cancelAfterAward(contract.jobId(), actorId);
            default -> {
                // COMPLETION_SUBMITTED and DISPUTED change only the contract.
            }
        }
        AuditEntry entry = actorId == null
                ? AuditEntry.bySystem("CONTRACT_" + next, "contract", contractId)
                : AuditEntry.byUser(actorId, "CONTRACT_" + next, "contract", contractId);
        audit.record(entry.with(Map.of("job", contract.jobId(), "from", contract.status(), "to", next)));
        events.publishEvent(new ContractStatusChanged(
                contractId,
                contract.jobId(),
                contract.homeownerId(),
                contract.contractorId(),
                contract.status(),
                next));
        return moved.snapshot();
    }

    /**
     * One party proposes mutual cancellation of the FUNDED contract (a second proposal by the same party is a no-op; a
     * proposal while the other party's stands is refused: that party should accept it instead). {@code proposerId}
     * null withdraws the standing proposal, which only its author may do.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public ContractSnapshot recordCancellationProposal(UUID contractId, UUID partyId, boolean propose) {
        Contract contract = contracts
                .lock(contractId)
                .filter(found -> found.isParty(partyId))
                .orElseThrow(() -> new NotFoundException("contract"));
        UUID standing = contract.cancellationProposedBy();
        if (propose && standing != null && !standing.equals(partyId)) {
            throw new ProblemException(
                    ProblemType.STATE_CONFLICT,
                    "The other party already proposed cancellation; accept their proposal instead.",
                    Map.of("status", contract.status()));
        }
        if (!propose && (standing == null || !standing.equals(partyId))) {
            throw new NotFoundException("cancellation proposal");
        }
        if (propose && partyId.equals(standing)) {
            return contract.snapshot();
        }
        Instant now = clock.instant();
        Contract changed = contract.withCancellationProposal(propose ? partyId : null, now);
        contracts.updateState(changed, now);
        Map<String, Object> details = new HashMap<>();
        details.put("status", contract.status());
        audit.record(AuditEntry.byUser(
                        partyId,
                        propose ? "CONTRACT_CANCELLATION_PROPOSED" : "CONTRACT_CANCELLATION_PROPOSAL_WITHDRAWN",
                        "contract",
                        contractId)
                .with(details));
        return changed.snapshot();
    }
}
