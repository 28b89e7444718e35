package com.fairtradeworker.storage;

import com.fairtradeworker.shared.NotFoundException;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Keeps evidence files. Deciding who may store or read which file is the caller's job (contract parties and admins);
 * this port only stores, streams back, links and deletes by key, and deliberately offers no listing.
 */
public interface EvidenceStorage {

    /** How many files one completion may carry; the completions module enforces it. */
    int MAX_FILES_PER_COMPLETION = 20;

    /** The default size limit of one file ({@code EVIDENCE_MAX_BYTES} overrides it). */
    long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

    /** A sensible lifetime for {@link #presignedLink}. */
    Duration DEFAULT_LINK_LIFETIME = Duration.ofMinutes(5);

    /** The longest lifetime {@link #presignedLink} grants. */
    Duration MAX_LINK_LIFETIME = Duration.ofHours(1);

    /**
     * Streams an upload into storage under a new key, with location metadata stripped from JPEG, PNG and WebP images.
     * The stream is read in chunks and never held in memory; it is not closed here.
     *
     * @param content the uploaded bytes
     * @param originalName the client's file name, kept only as sanitised metadata in the result
     * @param scope who the file belongs to, as a key prefix: one to four segments of letters, digits, {@code -} and
     *     {@code _} separated by {@code /} (for example {@code completions/<uuid>})
     * @throws ProblemException {@link ProblemType#UNSUPPORTED_MEDIA_TYPE} when the content is not a complete JPEG,
     *     PNG, WebP, HEIC or PDF file; {@link ProblemType#PAYLOAD_TOO_LARGE} when it is larger than {@link #maxBytes()}
     *     (reading stops at the first byte over the limit)
     */
    StoredFile store(InputStream content, String originalName, String scope);

    /**
     * Streams a stored file back.
     *
     * @throws NotFoundException when no file has this key
     */
    StoredContent open(String key);

    /**
     * A short-lived link that lets a browser fetch the file directly, where the adapter can sign one (S3); empty when
     * the caller must stream the file through its own authorised download endpoint (local directory). The link is not
     * checked against the file's existence.
     *
     * @param lifetime positive, at most {@link #MAX_LINK_LIFETIME}
     */
    Optional<URI> presignedLink(String key, Duration lifetime);

    /** Deletes a stored file; deleting a missing one does nothing. */
    void delete(String key);

    /** The size limit of one file, in bytes. */
    long maxBytes();
}
