package com.fairtradeworker.contracts;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.contracts.ContractEvents.CancellationReason;
import com.fairtradeworker.contracts.ContractEvents.ContractCancelled;
import com.fairtradeworker.jobs.JobsApi;
import com.fairtradeworker.shared.NotFoundException;
import com.fairtradeworker.timers.DueTimers;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * PENDING_FUNDING -> CANCELLED, and the job AWARDED -> CANCELLED with it: by the homeowner, or by the funding clock.
 * Locks the contract before the job, the order every contract transition uses.
 */
@Service
class ContractCancellation {

    private final ContractRepository contracts;
    private final JobsApi jobs;
    private final DueTimers timers;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ContractCancellation(
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

    /** The homeowner cancels before funding; the contractor and anyone else cannot (another's contract: 404). */
    @Transactional
    Contract cancelByHomeowner(UUID homeownerId, UUID contractId) {
        Contract contract = contracts
                .lock(contractId)
                .filter(found -> found.homeownerId().equals(homeownerId))
                .orElseThrow(() -> new NotFoundException("contract"));
        return cancel(contract, homeownerId, CancellationReason.HOMEOWNER_CANCELLED);
    }

    /** The funding window passed: cancels the contract if it is still waiting for funding, else does nothing. */
    @Transactional(propagation = Propagation.MANDATORY)
    void cancelUnfunded(UUID contractId) {
        contracts
                .lock(contractId)
                .filter(contract -> contract.status() == ContractStatus.PENDING_FUNDING)
                .ifPresent(contract -> cancel(contract, null, CancellationReason.FUNDING_WINDOW_PASSED));
    }

    private Contract cancel(Contract contract, UUID actorId, CancellationReason reason) {
        Instant now = clock.instant();
        Contract cancelled = contract.moveTo(ContractStatus.CANCELLED, now);
        contracts.updateState(cancelled, now);
        timers.cancel(Acceptance.FUNDING_WINDOW_ENDS, contract.id());
        jobs.cancelAfterAward(contract.jobId(), actorId);
        AuditEntry entry = actorId == null
                ? AuditEntry.bySystem("CONTRACT_CANCELLED", "contract", contract.id())
                : AuditEntry.byUser(actorId, "CONTRACT_CANCELLED", "contract", contract.id());
        audit.record(entry.with(Map.of(
                "job", contract.jobId(), "from", contract.status(), "to", ContractStatus.CANCELLED, "reason", reason)));
        events.publishEvent(new ContractCancelled(contract.id(), contract.jobId(), reason));
        return cancelled;
    }
}
