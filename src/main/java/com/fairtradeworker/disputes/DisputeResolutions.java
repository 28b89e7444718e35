package com.fairtradeworker.disputes;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.contracts.ContractSnapshot;
import com.fairtradeworker.contracts.ContractsApi;
import com.fairtradeworker.disputes.DisputeEvents.DisputeResolved;
import com.fairtradeworker.escrow.EscrowApi;
import com.fairtradeworker.escrow.EscrowEvents.EscrowExited;
import com.fairtradeworker.escrow.ExitCause;
import com.fairtradeworker.shared.Money;
import com.fairtradeworker.shared.NotFoundException;
import com.fairtradeworker.timers.DueTimer;
import com.fairtradeworker.timers.DueTimers;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * How a dispute ends with money moving: an admin's decision, or the response clock deciding for the opener when the
 * other party never answered. Either way, in one transaction: the escrow moves through {@link EscrowApi} (which passes
 * the freeze and ends the contract with the same outcome), the response clock stops, the contract's paused clocks are
 * cancelled so none of them can ever fire, and the dispute is RESOLVED. Locks in the order of {@link
 * DisputeLifecycle}: timer rows, contract, dispute, escrow.
 */
@Service
class DisputeResolutions {

    /** The dispute's response clock; its subject is the dispute, and it never pauses. */
    static final String RESPONSE_WINDOW_ENDS = "DISPUTE_RESPONSE_WINDOW_ENDS";

    static final String RESPONSE_WINDOW_REASON = "The other party did not respond within the response window, so the"
            + " dispute was resolved as the party who opened it asked.";

    private final DisputeRepository disputes;
    private final ContractsApi contracts;
    private final EscrowApi escrow;
    private final DueTimers timers;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DisputeResolutions(
            DisputeRepository disputes,
            ContractsApi contracts,
            EscrowApi escrow,
            DueTimers timers,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.disputes = disputes;
        this.contracts = contracts;
        this.escrow = escrow;
        this.timers = timers;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** An admin decides a dispute the other party has answered (409 while OPEN, and once it is decided). */
    @Transactional
    Dispute resolveByAdmin(UUID adminId, UUID disputeId, DisputeInput.Resolve request) {
        Dispute seen = disputes.find(disputeId).orElseThrow(() -> new NotFoundException("dispute"));
        ContractSnapshot terms = contracts.find(seen.contractId()).orElseThrow(() -> new NotFoundException("dispute"));
        Dispute.Resolution resolution = DisputeInput.resolution(request, terms.amount());
        timers.cancel(RESPONSE_WINDOW_ENDS, disputeId); // before the contract's lock; rolled back on refusal
        ContractSnapshot contract = contracts.lock(seen.contractId()).orElseThrow();
        Dispute resolved = lockDispute(disputeId).resolvedByAdmin(resolution, adminId, clock.instant());
        return settle(contract, resolved, ExitCause.DISPUTE_RESOLUTION, adminId);
    }

    /**
     * The response window closed: an unanswered dispute resolves as its opener asked (SPLIT with their amount), by the
     * system. A dispute answered, withdrawn or resolved meanwhile is left alone. Runs in the timer's transaction, which
     * already holds the timer's row.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void resolveByResponseWindow(UUID disputeId) {
        Dispute seen = disputes.find(disputeId).orElse(null);
        if (seen == null || seen.status() != DisputeStatus.OPEN) {
            return;
        }
        ContractSnapshot contract = contracts.lock(seen.contractId()).orElseThrow();
        Dispute dispute = lockDispute(disputeId);
        if (dispute.status() != DisputeStatus.OPEN) {
            return;
        }
        Dispute resolved = dispute.resolvedByResponseWindow(RESPONSE_WINDOW_REASON, clock.instant());
        settle(contract, resolved, ExitCause.DISPUTE_RESPONSE_WINDOW, null);
    }

    private Dispute settle(ContractSnapshot contract, Dispute resolved, ExitCause cause, UUID actorId) {
        cancelPausedClocks(contract.id());
        EscrowExited exited = moveMoney(contract, resolved, cause, actorId);
        Instant now = clock.instant();
        disputes.updateState(resolved, now);
        Map<String, Object> details = new HashMap<>();
        details.put("contract", contract.id());
        details.put("outcome", resolved.resolution());
        details.put("cause", cause);
        details.put("byAdmin", actorId != null);
        details.put("toContractorMinor", exited.toContractor().amountMinor());
        details.put("platformFeeMinor", exited.platformFee().amountMinor());
        details.put("refundedMinor", exited.refunded().amountMinor());
        details.put("currency", exited.toContractor().currency());
        AuditEntry entry = actorId == null
                ? AuditEntry.bySystem("DISPUTE_RESOLVED", "dispute", resolved.id())
                : AuditEntry.byUser(actorId, "DISPUTE_RESOLVED", "dispute", resolved.id());
        audit.record(entry.with(details));
        events.publishEvent(new DisputeResolved(
                resolved.id(),
                contract.id(),
                contract.homeownerId(),
                contract.contractorId(),
                resolved.resolution(),
                exited.toContractor(),
                actorId != null));
        return resolved;
    }

    private EscrowExited moveMoney(ContractSnapshot contract, Dispute resolved, ExitCause cause, UUID actorId) {
        return switch (resolved.resolution()) {
            case RELEASE -> escrow.release(contract.id(), cause, actorId);
            case REFUND -> escrow.refund(contract.id(), cause, actorId);
            case SPLIT ->
                escrow.split(
                        contract.id(),
                        new Money(
                                resolved.resolutionSplitMinor(),
                                contract.amount().currency()),
                        cause,
                        actorId);
        };
    }

    /**
     * The contract ends here, so the clocks the dispute paused (funding, approval and their reminders) are cancelled:
     * only a withdrawal resumes them, and a cancelled timer can never fire.
     */
    private void cancelPausedClocks(UUID contractId) {
        timers.live(contractId).stream()
                .filter(DueTimer::paused)
                .map(DueTimer::kind)
                .forEach(kind -> timers.cancel(kind, contractId));
    }

    private Dispute lockDispute(UUID disputeId) {
        return disputes.lock(disputeId).orElseThrow(() -> new NotFoundException("dispute"));
    }
}
