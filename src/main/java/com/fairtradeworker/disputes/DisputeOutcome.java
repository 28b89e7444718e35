package com.fairtradeworker.disputes;

/**
 * Where the held money goes: all of it to the contractor (less the fee), all of it back to the payer (no fee), or a
 * split (an amount to the contractor, less the fee on that part; the rest back to the payer). The CHECKs on {@code
 * disputes.desired_outcome} and {@code disputes.resolution} list the same values.
 */
public enum DisputeOutcome {
    RELEASE,
    REFUND,
    SPLIT
}
