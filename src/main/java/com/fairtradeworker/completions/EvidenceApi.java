package com.fairtradeworker.completions;

import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

/**
 * Evidence files for disputes, for the disputes module. Files are checked by content and stored through the storage
 * port exactly as completion evidence is; their bytes are served by {@code GET /api/evidence/{id}} to the contract's
 * two parties and admins only (anyone else 404). Completion evidence is handled inside this module.
 */
@Service
public class EvidenceApi {

    /** How many files one uploader may attach to one dispute, in all of their uploads together. */
    public static final int MAX_FILES_PER_DISPUTE_PARTY = 20;

    private final EvidenceFiles evidence;

    EvidenceApi(EvidenceFiles evidence) {
        this.evidence = evidence;
    }

    /**
     * Stores {@code files} and attaches them to the dispute, all or nothing. Joins the caller's transaction (or starts
     * one) and takes the contract's row lock ({@code ContractsApi.lock}), the first lock of every contract operation,
     * so call it after locking the contract or before taking any other lock. The files are written to storage before
     * their rows; if the transaction rolls back (here or later in the caller) the stored files are deleted again.
     *
     * <p>The caller decides whether the uploader may add evidence now (an open dispute, before resolution); this
     * method checks only that {@code uploaderId} is one of the contract's two parties and that the dispute belongs to
     * the contract, so a dispute row created earlier in the same transaction is fine.
     *
     * @param disputeId an existing dispute of {@code contractId}
     * @param contractId the dispute's contract
     * @param uploaderId the party uploading (the signed-in user)
     * @param files the multipart parts (null entries are ignored); an empty list or null stores nothing and returns an
     *     empty list
     * @return the stored files, in the order given
     * @throws com.fairtradeworker.shared.NotFoundException when the contract does not exist or the uploader is not
     *     one of its parties, or when the dispute does not exist or belongs to another contract (404)
     * @throws com.fairtradeworker.shared.ProblemException {@code validation-failed} (400) when the uploader's files on
     *     this dispute would exceed {@link #MAX_FILES_PER_DISPUTE_PARTY}; {@code unsupported-media-type} (415) when a
     *     file is empty or not a complete JPEG, PNG, WebP, HEIC or PDF file by its content; {@code payload-too-large}
     *     (413) when a file is over the storage size limit. Nothing is kept then.
     */
    @Transactional
    public List<EvidenceView> attachToDispute(
            UUID disputeId, UUID contractId, UUID uploaderId, List<MultipartFile> files) {
        return evidence.attachToDispute(disputeId, contractId, uploaderId, files);
    }

    /**
     * Every file attached to the dispute, oldest first; empty for an unknown dispute. No visibility check: the caller
     * shows them only to the dispute's parties and admins.
     */
    @Transactional(readOnly = true)
    public List<EvidenceView> ofDispute(UUID disputeId) {
        return evidence.ofDispute(disputeId);
    }
}
