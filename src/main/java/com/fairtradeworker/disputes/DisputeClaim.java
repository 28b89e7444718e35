package com.fairtradeworker.disputes;

/** What the opener claims, checked: {@code desiredSplitMinor} (to the contractor) is set exactly for SPLIT. */
record DisputeClaim(DisputeReason reason, DisputeOutcome desiredOutcome, Long desiredSplitMinor, String statement) {}
