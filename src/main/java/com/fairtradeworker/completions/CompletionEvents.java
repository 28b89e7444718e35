package com.fairtradeworker.completions;

import java.time.Instant;
import java.util.UUID;

/** Past-tense facts about completions, published in the transaction that made them true (for notifications). */
public final class CompletionEvents {

    private CompletionEvents() {}

    /** The contractor submitted the work; it is approved automatically at {@code autoApprovesAt} unless someone acts. */
    public record CompletionSubmitted(
            UUID completion,
            UUID contract,
            UUID homeowner,
            UUID contractor,
            int evidenceFiles,
            Instant autoApprovesAt) {}

    /** The homeowner asked for changes: the contract is FUNDED again and the approval clock is gone. */
    public record ChangesRequested(UUID completion, UUID contract, UUID homeowner, UUID contractor) {}

    /** The work was approved and escrow released: by the homeowner, or by the approval clock ({@code auto}). */
    public record CompletionApproved(UUID completion, UUID contract, UUID homeowner, UUID contractor, boolean auto) {}

    /** The approval window ends soon: the work will be approved automatically at {@code autoApprovesAt}. */
    public record AutoApprovalReminder(
            UUID completion, UUID contract, UUID homeowner, UUID contractor, Instant autoApprovesAt) {}
}
