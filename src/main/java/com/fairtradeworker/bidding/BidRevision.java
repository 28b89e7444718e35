package com.fairtradeworker.bidding;

import java.time.Instant;

/** One version of a bid's terms, as kept in {@code bid_revisions}; revision 1 is the original submission. */
record BidRevision(int revision, BidTerms terms, int feeRateBps, Instant createdAt) {}
