package com.fairtradeworker.completions;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.contracts.ContractSnapshot;
import com.fairtradeworker.contracts.ContractsApi;
import com.fairtradeworker.shared.NotFoundException;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import com.fairtradeworker.storage.EvidenceStorage;
import com.fairtradeworker.storage.StoredFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.multipart.MultipartFile;

/**
 * Evidence files of completions and disputes: checked and stored through the storage port, recorded in {@code
 * evidence_files}. A completion's files are stored before its transaction opens; a dispute's inside the caller's
 * transaction (before the contract's lock). Either way they are deleted again if the transaction that records them
 * rolls back, so a refused or failed upload leaves neither rows nor files behind.
 */
@Service
class EvidenceFiles {

    private static final Logger log = LoggerFactory.getLogger(EvidenceFiles.class);

    private final EvidenceStorage storage;
    private final EvidenceRepository evidence;
    private final ContractsApi contracts;
    private final AuditLog audit;
    private final Clock clock;

    EvidenceFiles(
            EvidenceStorage storage, EvidenceRepository evidence, ContractsApi contracts, AuditLog audit, Clock clock) {
        this.storage = storage;
        this.evidence = evidence;
        this.contracts = contracts;
        this.audit = audit;
        this.clock = clock;
    }

    /** The parts that carry files; refuses more than {@code max} (400) before anything is stored. */
    static List<MultipartFile> checkedParts(List<MultipartFile> files, int max) {
        List<MultipartFile> parts = files == null
                ? List.of()
                : files.stream().filter(Objects::nonNull).toList();
        if (parts.size() > max) {
            throw tooMany(max);
        }
        return parts;
    }

    /**
     * Stores every part under {@code scope} with no transaction open, so a slow upload holds no database connection.
     * On a failure part-way, what was stored is deleted again; afterwards the caller records the files in a transaction
     * that calls {@link #deleteOnRollback} first, and {@link #discard}s them if that transaction never starts.
     */
    List<StoredFile> storeBeforeTransaction(List<MultipartFile> parts, String scope) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Evidence is stored before the transaction that records it");
        }
        List<StoredFile> stored = new ArrayList<>();
        try {
            for (MultipartFile part : parts) {
                try (InputStream content = part.getInputStream()) {
                    stored.add(storage.store(content, part.getOriginalFilename(), scope));
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not read an uploaded evidence file", e);
                }
            }
        } catch (RuntimeException | Error failure) {
            discard(stored);
            throw failure;
        }
        return stored;
    }

    /** The files stored before this transaction are deleted again if it rolls back. */
    @Transactional(propagation = Propagation.MANDATORY)
    void deleteOnRollback(List<StoredFile> stored) {
        TransactionSynchronizationManager.registerSynchronization(new DeleteOnRollback(stored));
    }

    /** Deletes stored files that no row names (best effort: a failure leaves an orphan, logged). */
    void discard(List<StoredFile> stored) {
        for (StoredFile file : stored) {
            try {
                storage.delete(file.key());
            } catch (RuntimeException e) {
                log.warn("Could not delete evidence file {}; it is orphaned", file.key(), e);
            }
        }
    }

    /** Stores every part under {@code scope}; the stored files are deleted again if the transaction rolls back. */
    @Transactional(propagation = Propagation.MANDATORY)
    List<StoredFile> store(List<MultipartFile> parts, String scope) {
        List<StoredFile> stored = new ArrayList<>();
        if (parts.isEmpty()) {
            return stored;
        }
        TransactionSynchronizationManager.registerSynchronization(new DeleteOnRollback(stored));
        for (MultipartFile part : parts) {
            try (InputStream content = part.getInputStream()) {
                stored.add(storage.store(content, part.getOriginalFilename(), scope));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read an uploaded evidence file", e);
            }
        }
        return stored;
    }

    /** Records stored files against a completion. */
    @Transactional(propagation = Propagation.MANDATORY)
    List<EvidenceView> recordForCompletion(List<StoredFile> stored, UUID completionId, UUID uploaderId) {
        return record(stored, completionId, null, uploaderId);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    List<EvidenceView> attachToDispute(UUID disputeId, UUID contractId, UUID uploaderId, List<MultipartFile> files) {
        ContractSnapshot contract = contracts
                .find(contractId)
                .filter(found -> found.isParty(uploaderId))
                .orElseThrow(() -> new NotFoundException("contract"));
        if (!evidence.contractOfDispute(disputeId).map(contractId::equals).orElse(false)) {
            throw new NotFoundException("dispute");
        }
        List<MultipartFile> parts = checkedParts(files, EvidenceApi.MAX_FILES_PER_DISPUTE_PARTY);
        if (parts.isEmpty()) {
            return List.of();
        }
        checkDisputeQuota(disputeId, uploaderId, parts.size());
        List<StoredFile> stored = store(parts, "disputes/" + disputeId);
        contracts.lock(contract.id());
        checkDisputeQuota(disputeId, uploaderId, parts.size()); // again, now that concurrent uploads wait for us
        List<EvidenceView> views = record(stored, null, disputeId, uploaderId);
        audit.record(AuditEntry.byUser(uploaderId, "DISPUTE_EVIDENCE_ADDED", "dispute", disputeId)
                .with(Map.of(
                        "contract",
                        contractId,
                        "evidence",
                        views.stream().map(view -> view.id().toString()).toList())));
        return views;
    }

    List<EvidenceView> ofDispute(UUID disputeId) {
        return evidence.ofDispute(disputeId);
    }

    Map<UUID, List<EvidenceView>> ofCompletions(List<UUID> completionIds) {
        return evidence.ofCompletions(completionIds);
    }

    private void checkDisputeQuota(UUID disputeId, UUID uploaderId, int adding) {
        if (evidence.countOfDisputeBy(disputeId, uploaderId) + adding > EvidenceApi.MAX_FILES_PER_DISPUTE_PARTY) {
            throw tooMany(EvidenceApi.MAX_FILES_PER_DISPUTE_PARTY);
        }
    }

    private List<EvidenceView> record(List<StoredFile> stored, UUID completionId, UUID disputeId, UUID uploaderId) {
        Instant now = clock.instant();
        List<EvidenceView> views = new ArrayList<>();
        for (StoredFile file : stored) {
            EvidenceRow row = EvidenceRow.of(file, completionId, disputeId, uploaderId, now);
            evidence.insert(row);
            views.add(row.view());
        }
        return views;
    }

    private static ProblemException tooMany(int max) {
        return new ProblemException(
                ProblemType.VALIDATION_FAILED,
                "At most " + max + " evidence files are allowed here.",
                Map.of(
                        "maxFiles",
                        max,
                        "errors",
                        List.of(CompletionText.error("files", "must be at most " + max + " files"))));
    }

    /** Deletes the files stored in a transaction that rolled back; the rows that named them are gone with it. */
    private final class DeleteOnRollback implements TransactionSynchronization {

        private final List<StoredFile> stored;

        DeleteOnRollback(List<StoredFile> stored) {
            this.stored = stored;
        }

        @Override
        public void afterCompletion(int status) {
            if (status == STATUS_ROLLED_BACK) {
                discard(stored);
            }
        }
    }
}
