package com.fairtradeworker.disputes;

import com.fairtradeworker.timers.TimerHandler;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The dispute's response window (5 days by default) ran out. Fires inside the poller's transaction, so a timer
 * claimed by one instance fires once; an answered, withdrawn or resolved dispute is left as it is.
 */
@Component
class DisputeResponseWindow implements TimerHandler {

    private final DisputeResolutions resolutions;

    DisputeResponseWindow(DisputeResolutions resolutions) {
        this.resolutions = resolutions;
    }

    @Override
    public String kind() {
        return DisputeResolutions.RESPONSE_WINDOW_ENDS;
    }

    @Override
    public void onDue(UUID disputeId, Instant dueAt) {
        resolutions.resolveByResponseWindow(disputeId);
    }
}
