package com.fairtradeworker.completions;

import com.fairtradeworker.timers.TimerHandler;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The approval clocks' handlers; each fires inside the poller's transaction, so a timer fires once. */
final class ApprovalTimers {

    private ApprovalTimers() {}

    /** Nobody acted within the approval window: the work is approved and escrow released, if still awaited. */
    @Component
    static class WindowEnds implements TimerHandler {

        private final Completions completions;

        WindowEnds(Completions completions) {
            this.completions = completions;
        }

        @Override
        public String kind() {
            return ApprovalClock.WINDOW_ENDS;
        }

        @Override
        public void onDue(UUID contractId, Instant dueAt) {
            completions.autoApprove(contractId);
        }
    }

    /** The approval window ends soon: tell the homeowner (through an event) and record it. */
    @Component
    static class Reminder implements TimerHandler {

        private final Completions completions;

        Reminder(Completions completions) {
            this.completions = completions;
        }

        @Override
        public String kind() {
            return ApprovalClock.REMINDER;
        }

        @Override
        public void onDue(UUID contractId, Instant dueAt) {
            completions.remind(contractId);
        }
    }
}
