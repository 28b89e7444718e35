package com.fairtradeworker.escrow;

import java.util.UUID;

/** One ledger entry before it is written: a signed amount on an account, in the transaction's currency. */
record Posting(UUID ledgerAccountId, long amountMinor) {}
