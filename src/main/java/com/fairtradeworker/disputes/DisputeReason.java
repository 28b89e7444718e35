package com.fairtradeworker.disputes;

/**
 * Why a dispute was opened: a fixed list, so the admin queue can be read at a glance; the opener's statement says the
 * rest. Stored by name in {@code disputes.reason}.
 */
public enum DisputeReason {
    /** The work was not done at all. */
    WORK_NOT_DONE,
    /** Some of the agreed work is missing. */
    WORK_INCOMPLETE,
    /** The work is done but badly. */
    POOR_QUALITY,
    /** The work differs from the accepted scope. */
    NOT_AS_AGREED,
    /** The work is late beyond what was agreed. */
    DELAYED,
    /** The contractor's view: the work is finished but the homeowner withholds approval. */
    APPROVAL_WITHHELD,
    /** Anything else; the statement explains. */
    OTHER
}
