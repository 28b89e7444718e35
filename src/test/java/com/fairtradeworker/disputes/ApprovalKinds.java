package com.fairtradeworker.disputes;

/** The completions module's approval clocks (subject: the contract), which a dispute pauses. */
final class ApprovalKinds {

    static final String WINDOW_ENDS = "COMPLETION_APPROVAL_WINDOW_ENDS";
    static final String REMINDER = "COMPLETION_APPROVAL_REMINDER";

    private ApprovalKinds() {}
}
