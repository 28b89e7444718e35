package com.fairtradeworker.completions;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.completions.CompletionEvents.AutoApprovalReminder;
import com.fairtradeworker.completions.CompletionEvents.CompletionApproved;
import com.fairtradeworker.completions.CompletionEvents.CompletionSubmitted;
import com.fairtradeworker.completions.CompletionViews.CompletionView;
import com.fairtradeworker.contracts.ContractSnapshot;
import com.fairtradeworker.contracts.ContractStatus;
import com.fairtradeworker.contracts.ContractsApi;
import com.fairtradeworker.escrow.EscrowApi;
import com.fairtradeworker.escrow.EscrowEvents.EscrowExited;
import com.fairtradeworker.escrow.EscrowSnapshot;
import com.fairtradeworker.escrow.ExitCause;
import com.fairtradeworker.shared.NotFoundException;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import com.fairtradeworker.storage.EvidenceStorage;
import com.fairtradeworker.storage.StoredFile;
import com.fairtradeworker.timers.DueTimer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;

/**
 * Submission, approval, change requests and the approval clock. Locks are taken in one order: the approval timers'
 * rows, then the contract (the first lock of every contract and money operation), then the submission awaiting a
 * decision, then (through escrow) the escrow. The timer poller holds a timer's row while its handler locks the
 * contract, so a homeowner's decision touches the timer rows before the contract's lock: a clock firing at this moment
 * and the decision wait for each other instead of deadlocking. Two decisions on one contract run one after the other,
 * and the second finds the first's result (409).
 */
@Service
class Completions {

    private static final Logger log = LoggerFactory.getLogger(Completions.class);
    private static final String SUBMIT_ON_FUNDED = "Completion is submitted on a FUNDED contract.";

    private final ContractsApi contracts;
    private final EscrowApi escrow;
    private final CompletionRepository completions;
    private final EvidenceFiles evidence;
    private final ApprovalClock approvalClock;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Completions(
            ContractsApi contracts,
            EscrowApi escrow,
            CompletionRepository completions,
            EvidenceFiles evidence,
            ApprovalClock approvalClock,
            AuditLog audit,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Clock clock) {
        this.contracts = contracts;
        this.escrow = escrow;
        this.completions = completions;
        this.evidence = evidence;
        this.approvalClock = approvalClock;
        this.audit = audit;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * The contractor of a FUNDED contract submits the work with up to {@value EvidenceStorage#MAX_FILES_PER_COMPLETION}
     * evidence files. The files are checked and stored first, with no transaction open (an upload of 20 files of 10 MB
     * holds no database connection meanwhile); then, in one transaction under the contract's lock, the state is checked
     * again and the submission, its evidence rows, the contract's move to COMPLETION_SUBMITTED and both approval clocks
     * commit together. Stored files are deleted again if that transaction rolls back or never starts.
     */
    CompletionView submit(UUID contractorId, UUID contractId, CompletionText text, List<MultipartFile> files) {
        List<MultipartFile> parts = EvidenceFiles.checkedParts(files, EvidenceStorage.MAX_FILES_PER_COMPLETION);
        requireStatus(contractorsContract(contractorId, contractId), ContractStatus.FUNDED, SUBMIT_ON_FUNDED);
        UUID completionId = UUID.randomUUID();
        List<StoredFile> stored = evidence.storeBeforeTransaction(parts, "completions/" + completionId);
        AtomicBoolean started = new AtomicBoolean();
        try {
            return transactions.execute(status -> {
                started.set(true);
                evidence.deleteOnRollback(stored);
                return recordSubmission(contractorId, contractId, completionId, text, stored);
            });
        } catch (RuntimeException | Error failure) {
            if (!started.get()) {
                evidence.discard(stored); // the transaction never began (no connection): nothing recorded them
            }
            throw failure;
        }
    }

    private CompletionView recordSubmission(
            UUID contractorId, UUID contractId, UUID completionId, CompletionText text, List<StoredFile> stored) {
        ContractSnapshot contract = contracts.lock(contractId).orElseThrow(() -> new NotFoundException("contract"));
        requireStatus(contract, ContractStatus.FUNDED, SUBMIT_ON_FUNDED);
        Instant now = clock.instant();
        Completion completion = Completion.submitted(completionId, contractId, contractorId, text, now);
        completions.insert(completion);
        contracts.moveTo(contractId, ContractStatus.COMPLETION_SUBMITTED, contractorId);
        List<EvidenceView> recorded = evidence.recordForCompletion(stored, completionId, contractorId);
        Instant autoApprovesAt = approvalClock.start(contractId, now);
        audit.record(AuditEntry.byUser(contractorId, "COMPLETION_SUBMITTED", "completion", completionId)
                .with(Map.of(
                        "contract", contractId,
                        "evidence",
                                recorded.stream()
                                        .map(file -> file.id().toString())
                                        .toList(),
                        "autoApprovesAt", autoApprovesAt.toString())));
        events.publishEvent(new CompletionSubmitted(
                completionId, contractId, contract.homeownerId(), contractorId, recorded.size(), autoApprovesAt));
        return CompletionView.of(
                completion, recorded, approvalClock.window(contractId).orElse(null));
    }

    private ContractSnapshot contractorsContract(UUID contractorId, UUID contractId) {
        return contracts
                .find(contractId)
                .filter(found -> found.contractorId().equals(contractorId))
                .orElseThrow(() -> new NotFoundException("contract"));
    }

    /** The homeowner approves the submitted work: escrow is released in the same transaction. */
    @Transactional
    CompletionViews.Approved approve(UUID homeownerId, UUID contractId) {
        ContractSnapshot contract = lockForHomeownersDecision(homeownerId, contractId);
        requireStatus(contract, ContractStatus.COMPLETION_SUBMITTED, "Only submitted work can be approved.");
        Completion completion = lockSubmitted(contractId);
        Completion approved = completion.approve(homeownerId, clock.instant());
        completions.updateDecision(approved);
        EscrowExited released = escrow.release(contractId, ExitCause.APPROVAL, homeownerId);
        audit.record(AuditEntry.byUser(homeownerId, "COMPLETION_APPROVED", "completion", completion.id())
                .with(Map.of("contract", contractId)));
        events.publishEvent(
                new CompletionApproved(completion.id(), contractId, homeownerId, contract.contractorId(), false));
        return new CompletionViews.Approved(
                CompletionView.of(approved, evidenceOf(approved), null),
                ContractStatus.RELEASED,
                released.outcome(),
                released.toContractor(),
                released.platformFee(),
                released.toContractor().minus(released.platformFee()));
    }

    /** The homeowner asks for changes: the contract is FUNDED again and both approval clocks stop. */
    @Transactional
    CompletionViews.ChangesRequested requestChanges(UUID homeownerId, UUID contractId, String reason) {
        ContractSnapshot contract = lockForHomeownersDecision(homeownerId, contractId);
        requireStatus(
                contract, ContractStatus.COMPLETION_SUBMITTED, "Changes can be requested only for submitted work.");
        Completion completion = lockSubmitted(contractId);
        Completion changed = completion.requestChanges(homeownerId, reason, clock.instant());
        completions.updateDecision(changed);
        ContractSnapshot funded = contracts.moveTo(contractId, ContractStatus.FUNDED, homeownerId);
        audit.record(AuditEntry.byUser(homeownerId, "COMPLETION_CHANGES_REQUESTED", "completion", completion.id())
                .with(Map.of("contract", contractId)));
        events.publishEvent(new CompletionEvents.ChangesRequested(
                completion.id(), contractId, homeownerId, contract.contractorId()));
        return new CompletionViews.ChangesRequested(
                CompletionView.of(changed, evidenceOf(changed), null), funded.status());
    }

    /**
     * The approval window ran out: approves the awaited submission and releases escrow. Does nothing when there is
     * nothing to approve any more (decided, disputed, ended), so a late or stray timer is harmless.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void autoApprove(UUID contractId) {
        Optional<ContractSnapshot> contract = contracts.lock(contractId);
        if (contract.isEmpty() || contract.get().status() != ContractStatus.COMPLETION_SUBMITTED) {
            log.info("Approval window of contract {} ended with nothing to approve", contractId);
            return;
        }
        Optional<Completion> submitted = completions.lockSubmitted(contractId);
        boolean frozen = escrow.escrow(contractId).map(EscrowSnapshot::frozen).orElse(true);
        if (submitted.isEmpty() || frozen) {
            log.warn("Approval window of contract {} ended without a submission or with frozen escrow", contractId);
            return;
        }
        Completion approved = submitted.get().autoApprove(clock.instant());
        completions.updateDecision(approved);
        approvalClock.stop(contractId);
        escrow.release(contractId, ExitCause.APPROVAL_WINDOW, null);
        audit.record(AuditEntry.bySystem("COMPLETION_AUTO_APPROVED", "completion", approved.id())
                .with(Map.of("contract", contractId)));
        events.publishEvent(new CompletionApproved(
                approved.id(),
                contractId,
                contract.get().homeownerId(),
                contract.get().contractorId(),
                true));
    }

    /**
     * The reminder before the window ends: an event for notifications and an audit row, if work still awaits and the
     * window has not ended yet (a poller that was down fires the late reminder before the window).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void remind(UUID contractId) {
        Optional<ContractSnapshot> contract =
                contracts.find(contractId).filter(found -> found.status() == ContractStatus.COMPLETION_SUBMITTED);
        Optional<Completion> submitted = contract.flatMap(found -> completions.findSubmitted(contractId));
        Optional<Instant> autoApprovesAt = approvalClock
                .window(contractId)
                .map(DueTimer::dueAt)
                .filter(dueAt -> clock.instant().isBefore(dueAt));
        if (submitted.isEmpty() || autoApprovesAt.isEmpty()) {
            return;
        }
        audit.record(AuditEntry.bySystem(
                        "COMPLETION_AUTO_APPROVAL_REMINDER",
                        "completion",
                        submitted.get().id())
                .with(Map.of(
                        "contract",
                        contractId,
                        "autoApprovesAt",
                        autoApprovesAt.get().toString())));
        events.publishEvent(new AutoApprovalReminder(
                submitted.get().id(),
                contractId,
                contract.get().homeownerId(),
                contract.get().contractorId(),
                autoApprovesAt.get()));
    }

    /**
     * Stops the approval clocks (rolled back with a refusal), then locks the homeowner's contract: timer rows before
     * the contract, as the poller takes them.
     */
    private ContractSnapshot lockForHomeownersDecision(UUID homeownerId, UUID contractId) {
        contracts
                .find(contractId)
                .filter(found -> found.homeownerId().equals(homeownerId))
                .orElseThrow(() -> new NotFoundException("contract"));
        approvalClock.stop(contractId);
        return contracts
                .lock(contractId)
                .filter(found -> found.homeownerId().equals(homeownerId))
                .orElseThrow(() -> new NotFoundException("contract"));
    }

    private Completion lockSubmitted(UUID contractId) {
        return completions
                .lockSubmitted(contractId)
                .orElseThrow(() -> new ProblemException(
                        ProblemType.STATE_CONFLICT,
                        "No completion awaits a decision.",
                        Map.of("status", ContractStatus.COMPLETION_SUBMITTED)));
    }

    private List<EvidenceView> evidenceOf(Completion completion) {
        return evidence.ofCompletions(List.of(completion.id())).getOrDefault(completion.id(), List.of());
    }

    private static void requireStatus(ContractSnapshot contract, ContractStatus expected, String rule) {
        if (contract.status() != expected) {
            throw new ProblemException(
                    ProblemType.STATE_CONFLICT,
                    "The contract is " + contract.status() + ". " + rule,
                    Map.of("status", contract.status()));
        }
    }
}
