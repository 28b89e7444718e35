package com.fairtradeworker.escrow;

/** The kinds of journal transaction; the CHECK on {@code transactions.kind} lists the same. */
enum JournalKind {
    FUND,
    RELEASE,
    REFUND,
    SPLIT,
    PAYOUT,
    PROCESSING_FEE
}
