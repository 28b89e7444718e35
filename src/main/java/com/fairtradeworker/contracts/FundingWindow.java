package com.fairtradeworker.contracts;

import com.fairtradeworker.timers.TimerHandler;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The funding window after acceptance (7 days by default) ran out: an unfunded contract is cancelled, and its job with
 * it. Fires inside the poller's transaction, so a timer claimed by one instance fires once.
 */
@Component
class FundingWindow implements TimerHandler {

    private final ContractCancellation cancellation;

    FundingWindow(ContractCancellation cancellation) {
        this.cancellation = cancellation;
    }

    @Override
    public String kind() {
        return Acceptance.FUNDING_WINDOW_ENDS;
    }

    @Override
    public void onDue(UUID contractId, Instant dueAt) {
        cancellation.cancelUnfunded(contractId);
    }
}
