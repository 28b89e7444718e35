package com.fairtradeworker.idempotency;

import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a money-moving action at most once per user and {@code Idempotency-Key}, and answers every retry with the first
 * response (see {@code docs/idempotency.md}):
 *
 * <ol>
 *   <li>Claim: the key's row is inserted IN_PROGRESS in its own committed transaction. If the user already used the
 *       key: a completed identical request is replayed without running the action; a different request is refused
 *       (422); a request still running is refused (409), unless it started longer ago than the in-progress timeout,
 *       in which case it crashed and this request takes its key over; an expired key is forgotten and claimed anew.
 *   <li>Run: the action runs in a transaction, and the same transaction stores its response on the row, so the stored
 *       response commits exactly when the action's own changes do.
 *   <li>Fail: if the action throws, its transaction rolls back, the claim is deleted so the key can be retried, and
 *       the exception propagates unchanged.
 * </ol>
 *
 * Call it from a controller, outside any transaction.
 */
@Service
public final class IdempotentRequests {

    /** The request header that carries the key. */
    public static final String KEY_HEADER = "Idempotency-Key";

    /** Set to {@code true} on a response served from a stored one instead of by running the action. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final Logger log = LoggerFactory.getLogger(IdempotentRequests.class);
    private static final int MAX_CLAIM_ATTEMPTS = 3;
    private static final int PURGE_BATCH = 1_000;

    private sealed interface Claim {}

    private record Claimed(UUID rowId) implements Claim {}

    private record Replay(StoredResponse response) implements Claim {}

    private final IdempotencyKeys keys;
    private final RequestFingerprint fingerprint;
    private final JsonMapper json;
    private final Clock clock;
    private final IdempotencySettings settings;
    private final TransactionTemplate ownTransaction;
    private final TransactionTemplate actionTransaction;

    IdempotentRequests(
            IdempotencyKeys keys,
            PlatformTransactionManager transactionManager,
            JsonMapper json,
            Clock clock,
            IdempotencySettings settings) {
        this.keys = keys;
        this.fingerprint = new RequestFingerprint(json);
        this.json = json;
        this.clock = clock;
        this.settings = settings;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.actionTransaction = new TransactionTemplate(transactionManager);
        this.actionTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
    }

    /**
     * Runs {@code action} at most once per user and key; see the class comment for the rules.
     *
     * @param action the work and the response it answers with; its body is serialized as JSON (stored and sent as
     *     {@code application/json}, or {@code application/problem+json} for a {@code ProblemDetail}, unless the
     *     action sets a Content-Type). It runs inside a transaction, which it may join.
     * @return the action's response (with the body as the stored JSON text), or the stored response of the request
     *     that first used the key, with {@value #REPLAYED_HEADER}{@code : true}
     * @throws ProblemException 422 {@code idempotency-key-reused} when the key was used for a different request (method,
     *     route or body), 409 {@code idempotent-request-in-progress} while the first request with the key runs
     */
    public ResponseEntity<?> execute(IdempotentRequest request, Supplier<ResponseEntity<?>> action) {
        return execute(request, () -> null, ignored -> action.get());
    }

    /**
     * As {@link #execute(IdempotentRequest, Supplier)}, with work that must not run inside the stored response's
     * transaction, such as a call to a payment provider: {@code beforeTransaction} runs once the key is claimed, outside
     * any transaction (it may commit short transactions of its own), and its result is handed to {@code action}. A
     * failure in either releases the key. It runs again when the request is retried after a failure or a crash, so it
     * must be safe to repeat (a provider call with the operation's own idempotency key is).
     */
    public <P> ResponseEntity<?> execute(
            IdempotentRequest request, Supplier<P> beforeTransaction, Function<P, ResponseEntity<?>> action) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // Inside a caller's transaction the stored response would commit with the caller, not with the action.
            throw new IllegalStateException("Idempotent requests must start outside a transaction");
        }
        Claim claim = claim(request, fingerprint.of(request));
        if (claim instanceof Replay replay) {
            return replay.response().replay();
        }
        UUID rowId = ((Claimed) claim).rowId();
        try {
            P prepared = beforeTransaction.get();
            return actionTransaction.execute(status -> runAndStore(rowId, () -> action.apply(prepared)));
        } catch (RuntimeException | Error failure) {
            release(rowId);
            throw failure;
        }
    }

    /** Deletes every key that expired by now; returns how many. {@link ScheduledIdempotencyKeyPurge} calls it. */
    public int purgeExpired() {
        Instant now = clock.instant();
        int total = 0;
        int deleted;
        do {
            deleted = keys.deleteExpired(now, PURGE_BATCH);
            total += deleted;
        } while (deleted == PURGE_BATCH);
        return total;
    }

    private Claim claim(IdempotentRequest request, byte[] hash) {
        for (int attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++) {
            Optional<Claim> claim = ownTransaction.execute(status -> tryClaim(request, hash));
            if (claim != null && claim.isPresent()) {
                return claim.get();
            }
        }
        throw inProgress();
    }

    /** Empty when the row changed between the insert and the lock (deleted, or claimed anew): try again. */
    private Optional<Claim> tryClaim(IdempotentRequest request, byte[] hash) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(settings.retention());
        Optional<UUID> inserted = keys.insert(request, hash, now, expiresAt);
        if (inserted.isPresent()) {
            return Optional.of(new Claimed(inserted.get()));
        }
        Optional<IdempotencyKeys.Row> existing = keys.lock(request.userId(), request.key());
        if (existing.isEmpty()) {
            return Optional.empty();
        }
        IdempotencyKeys.Row row = existing.get();
        if (!row.expiresAt().isAfter(now)) {
            keys.delete(row.id());
            return keys.insert(request, hash, now, expiresAt).map(Claimed::new);
        }
        if (!row.sameRequest(request, hash)) {
            throw new ProblemException(
                    ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used for a different request (method, path or body). Use a"
                            + " new key for a new operation.");
        }
        if (row.response() != null) {
            return Optional.of(new Replay(row.response()));
        }
        Instant staleBefore = now.minus(settings.inProgressTimeout());
        if (!row.createdAt().isBefore(staleBefore)) {
            throw inProgress();
        }
        Optional<UUID> takenOver = keys.takeOver(row.id(), staleBefore, now, expiresAt);
        if (takenOver.isEmpty()) {
            throw inProgress();
        }
        log.warn(
                "Idempotency key row {} of user {} was unfinished since {}; a retry takes it over",
                row.id(),
                request.userId(),
                row.createdAt());
        return Optional.of(new Claimed(takenOver.get()));
    }

    private ResponseEntity<?> runAndStore(UUID rowId, Supplier<ResponseEntity<?>> action) {
        ResponseEntity<?> response = action.get();
        if (response == null) {
            throw new IllegalStateException("An idempotent action must return a response");
        }
        StoredResponse stored = StoredResponse.of(response, json);
        if (!keys.complete(rowId, stored, clock.instant())) {
            // A retry took the key over while this attempt ran past the in-progress timeout: its result counts, so
            // this one rolls back.
            throw new ProblemException(
                    ProblemType.IDEMPOTENT_REQUEST_IN_PROGRESS,
                    "This request took too long and a retry with the same Idempotency-Key took its place; retry to get"
                            + " that request's response.");
        }
        return stored.first(response.getHeaders());
    }

    /** Frees the key after a failed action; the original failure matters more than a failure to free it. */
    private void release(UUID rowId) {
        try {
            ownTransaction.executeWithoutResult(status -> keys.release(rowId));
        } catch (RuntimeException releaseFailure) {
            log.warn(
                    "Could not release idempotency key row {}; retries get 409 until the in-progress timeout",
                    rowId,
                    releaseFailure);
        }
    }

    private static ProblemException inProgress() {
        return new ProblemException(
                ProblemType.IDEMPOTENT_REQUEST_IN_PROGRESS,
                "A request with this Idempotency-Key is still being processed. Retry in a moment to get its response.");
    }
}
