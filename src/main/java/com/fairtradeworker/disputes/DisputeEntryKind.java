package com.fairtradeworker.disputes;

/**
 * What a party wrote on a dispute after opening it: the other party's one RESPONSE (which moves the dispute to
 * AWAITING_MEDIATION), or a further STATEMENT by either party. The CHECK on {@code dispute_responses.kind} lists the
 * same values.
 */
public enum DisputeEntryKind {
    RESPONSE,
    STATEMENT
}
