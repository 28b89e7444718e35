package com.fairtradeworker.escrow;

import java.util.List;
import java.util.UUID;

/**
 * One money movement before it is written: its kind, contract, the key that makes a retried write find the first one,
 * and postings that sum to zero (checked here, and again by the database at commit). Zero postings are left out, so a
 * 0% fee writes no fee entry.
 */
record JournalTransaction(
        UUID id,
        JournalKind kind,
        UUID contractId,
        String idempotencyKey,
        String providerReference,
        String currency,
        List<Posting> postings) {

    JournalTransaction {
        postings =
                postings.stream().filter(posting -> posting.amountMinor() != 0).toList();
        long sum = postings.stream().mapToLong(Posting::amountMinor).reduce(0L, Math::addExact);
        if (sum != 0 || postings.size() < 2) {
            throw new IllegalStateException("Unbalanced journal transaction " + kind + ": " + postings);
        }
    }
}
