package com.fairtradeworker.bidding;

import com.fairtradeworker.shared.Money;

/** How many live bids a job has and the lowest of them: only its homeowner and admins ever see this. */
record LiveBidStats(int liveBidCount, Money lowestLiveAmount) {}
