package com.fairtradeworker.disputes;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.completions.EvidenceApi;
import com.fairtradeworker.completions.EvidenceView;
import com.fairtradeworker.contracts.ContractSnapshot;
import com.fairtradeworker.contracts.ContractStatus;
import com.fairtradeworker.contracts.ContractsApi;
import com.fairtradeworker.disputes.DisputeEvents.DisputeOpened;
import com.fairtradeworker.disputes.DisputeEvents.DisputeResponded;
import com.fairtradeworker.disputes.DisputeEvents.DisputeWithdrawn;
import com.fairtradeworker.escrow.EscrowApi;
import com.fairtradeworker.shared.NotFoundException;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import com.fairtradeworker.timers.DueTimers;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

/**
 * What the two parties do with a dispute: open it, respond, add statements and evidence, withdraw it. Anyone else is
 * told the dispute (or contract) does not exist.
 *
 * <p>Locks are taken in one order: timer rows first (the response clock, the contract's clocks), then the contract,
 * then the dispute, then the escrow. The timer poller holds a timer's row while its handler locks the contract, so
 * touching timer rows before the contract's lock means a clock firing at this very moment and a party's request wait
 * for each other instead of deadlocking; whichever commits first wins and the other sees its result.
 */
@Service
class DisputeLifecycle {

    private final DisputeRepository disputes;
    private final ContractsApi contracts;
    private final EscrowApi escrow;
    private final DueTimers timers;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final EvidenceApi evidence;
    private final DisputeSettings settings;
    private final Clock clock;

    DisputeLifecycle(
            DisputeRepository disputes,
            ContractsApi contracts,
            EscrowApi escrow,
            DueTimers timers,
            AuditLog audit,
            ApplicationEventPublisher events,
            EvidenceApi evidence,
            DisputeSettings settings,
            Clock clock) {
        this.disputes = disputes;
        this.contracts = contracts;
        this.escrow = escrow;
        this.timers = timers;
        this.audit = audit;
        this.events = events;
        this.evidence = evidence;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * In one transaction: the dispute OPEN with its response clock, the contract DISPUTED, its escrow frozen and its
     * clocks paused with the time they had left.
     */
    @Transactional
    Dispute open(UUID userId, UUID contractId, DisputeInput.OpenDispute request, List<MultipartFile> files) {
        ContractSnapshot seen = contracts
                .find(contractId)
                .filter(contract -> contract.isParty(userId))
                .orElseThrow(() -> new NotFoundException("contract"));
        DisputeClaim claim = DisputeInput.claim(request, seen.amount());
        timers.pauseAll(contractId); // before the contract's lock (see the class comment); rolled back on refusal
        ContractSnapshot contract = contracts.lock(contractId).orElseThrow(() -> new NotFoundException("contract"));
        switch (DisputeOpeningPolicy.decide(contract, userId)) {
            case ALLOWED -> {}
            case NOT_VISIBLE -> throw new NotFoundException("contract");
            case ALREADY_DISPUTED -> throw alreadyDisputed(contractId);
            case WRONG_STATE ->
                throw new ProblemException(
                        ProblemType.STATE_CONFLICT,
                        "The contract is " + contract.status() + "; a dispute opens only while it is FUNDED or"
                                + " COMPLETION_SUBMITTED.",
                        Map.of("status", contract.status()));
        }
        Instant now = clock.instant();
        Dispute dispute = Dispute.opened(contractId, userId, claim, now, now.plus(settings.responseWindow()));
        disputes.insert(dispute);
        contracts.moveTo(contractId, ContractStatus.DISPUTED, userId);
        escrow.freeze(contractId, userId);
        timers.schedule(DisputeResolutions.RESPONSE_WINDOW_ENDS, dispute.id(), dispute.responseDueAt());
        Instant remindAt = dispute.responseDueAt().minus(settings.responseReminderBefore());
        if (remindAt.isAfter(now)) {
            timers.schedule(DisputeResponseReminder.KIND, dispute.id(), remindAt);
        }
        evidence.attachToDispute(dispute.id(), contractId, userId, files);
        recordOpened(contract, dispute, claim);
        return dispute;
    }

    private void recordOpened(ContractSnapshot contract, Dispute dispute, DisputeClaim claim) {
        UUID userId = dispute.openedBy();
        Map<String, Object> details = new HashMap<>();
        details.put("contract", contract.id());
        details.put("reason", claim.reason());
        details.put("desiredOutcome", claim.desiredOutcome());
        if (claim.desiredSplitMinor() != null) {
            details.put("desiredSplitMinor", claim.desiredSplitMinor());
        }
        details.put("contractStatusBefore", contract.status());
        details.put("responseDueAt", dispute.responseDueAt().toString());
        audit.record(AuditEntry.byUser(userId, "DISPUTE_OPENED", "dispute", dispute.id())
                .with(details));
        events.publishEvent(new DisputeOpened(
                dispute.id(),
                contract.id(),
                userId,
                contract.otherParty(userId),
                claim.reason(),
                claim.desiredOutcome(),
                dispute.responseDueAt()));
    }

    /**
     * Either party attaches files while the dispute is open. The files are stored before the contract's lock is taken
     * (by {@link EvidenceApi}), so a slow upload holds no lock; the dispute's state is checked again under the lock, and
     * a dispute decided meanwhile refuses them (the stored files are deleted with the rollback).
     */
    @Transactional
    List<EvidenceView> addEvidence(UUID userId, UUID disputeId, List<MultipartFile> files) {
        Dispute seen = visibleToParty(userId, disputeId);
        requireLive(seen, "evidence is added");
        List<EvidenceView> attached = evidence.attachToDispute(disputeId, seen.contractId(), userId, files);
        contracts.lock(seen.contractId());
        requireLive(lockDispute(disputeId), "evidence is added");
        return attached;
    }

    /** The other party's one response: the dispute waits for an admin, and the response clock stops. */
    @Transactional
    Dispute respond(UUID userId, UUID disputeId, DisputeInput.Statement request) {
        String text = DisputeInput.statement(request);
        Dispute seen = visibleToParty(userId, disputeId);
        if (seen.isOpener(userId)) {
            throw new ProblemException(
                    ProblemType.FORBIDDEN,
                    "You opened this dispute; the other party responds. Add a statement instead.");
        }
        timers.cancel(DisputeResolutions.RESPONSE_WINDOW_ENDS, disputeId); // before the contract's lock
        timers.cancel(DisputeResponseReminder.KIND, disputeId);
        contracts.lock(seen.contractId());
        Instant now = clock.instant();
        Dispute responded = lockDispute(disputeId).responded(now);
        disputes.insertEntry(
                new DisputeEntry(UUID.randomUUID(), disputeId, userId, DisputeEntryKind.RESPONSE, text, now));
        disputes.updateState(responded, now);
        audit.record(AuditEntry.byUser(userId, "DISPUTE_RESPONDED", "dispute", disputeId)
                .with(Map.of("contract", seen.contractId(), "from", DisputeStatus.OPEN, "to", responded.status())));
        events.publishEvent(new DisputeResponded(disputeId, seen.contractId(), userId, seen.openedBy()));
        return responded;
    }

    /** Either party adds to the record while the dispute is open. */
    @Transactional
    DisputeEntry addStatement(UUID userId, UUID disputeId, DisputeInput.Statement request) {
        String text = DisputeInput.statement(request);
        Dispute seen = visibleToParty(userId, disputeId);
        contracts.lock(seen.contractId());
        Dispute dispute = lockDispute(disputeId);
        requireLive(dispute, "statements are added");
        DisputeEntry entry = new DisputeEntry(
                UUID.randomUUID(), disputeId, userId, DisputeEntryKind.STATEMENT, text, clock.instant());
        disputes.insertEntry(entry);
        audit.record(AuditEntry.byUser(userId, "DISPUTE_STATEMENT_ADDED", "dispute", disputeId)
                .with(Map.of("contract", seen.contractId(), "entry", entry.id(), "status", dispute.status())));
        return entry;
    }

    /**
     * The opener takes the dispute back: the contract returns to where it was, its escrow is unfrozen and its clocks
     * resume with exactly the time they had left; the response clock stops.
     */
    @Transactional
    Dispute withdraw(UUID userId, UUID disputeId) {
        Dispute seen = visibleToParty(userId, disputeId);
        if (!seen.isOpener(userId)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only the party who opened a dispute may withdraw it.");
        }
        timers.cancel(DisputeResolutions.RESPONSE_WINDOW_ENDS, disputeId); // before the contract's lock
        timers.cancel(DisputeResponseReminder.KIND, disputeId);
        ContractSnapshot contract =
                contracts.lock(seen.contractId()).orElseThrow(() -> new NotFoundException("dispute"));
        Dispute dispute = lockDispute(disputeId);
        Instant now = clock.instant();
        Dispute withdrawn = dispute.withdrawn(now);
        ContractStatus returnTo = contract.statusBeforeDispute();
        contracts.moveTo(contract.id(), returnTo, userId);
        escrow.unfreeze(contract.id(), userId);
        timers.resumeAll(contract.id());
        disputes.updateState(withdrawn, now);
        audit.record(AuditEntry.byUser(userId, "DISPUTE_WITHDRAWN", "dispute", disputeId)
                .with(Map.of(
                        "contract", contract.id(),
                        "from", dispute.status(),
                        "to", withdrawn.status(),
                        "contractReturnedTo", returnTo)));
        events.publishEvent(
                new DisputeWithdrawn(disputeId, contract.id(), userId, contract.otherParty(userId), returnTo));
        return withdrawn;
    }

    /** The dispute if the user is a party of its contract; the answer for a missing dispute otherwise. */
    private Dispute visibleToParty(UUID userId, UUID disputeId) {
        return disputes.find(disputeId)
                .filter(dispute -> contracts
                        .find(dispute.contractId())
                        .map(contract -> contract.isParty(userId))
                        .orElse(false))
                .orElseThrow(() -> new NotFoundException("dispute"));
    }

    private static void requireLive(Dispute dispute, String what) {
        if (!dispute.status().live()) {
            throw new ProblemException(
                    ProblemType.STATE_CONFLICT,
                    "The dispute is " + dispute.status() + "; " + what + " only while it is open.",
                    Map.of("status", dispute.status()));
        }
    }

    private Dispute lockDispute(UUID disputeId) {
        return disputes.lock(disputeId).orElseThrow(() -> new NotFoundException("dispute"));
    }

    private ProblemException alreadyDisputed(UUID contractId) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("status", ContractStatus.DISPUTED);
        disputes.ofContract(contractId).stream()
                .filter(dispute -> dispute.status().live())
                .findFirst()
                .ifPresent(open -> properties.put("disputeId", open.id()));
        return new ProblemException(
                ProblemType.STATE_CONFLICT, "The contract already has an open dispute.", properties);
    }
}
