package com.fairtradeworker.completions;

import com.fairtradeworker.contracts.ContractEvents.ContractStatusChanged;
import com.fairtradeworker.timers.DueTimer;
import com.fairtradeworker.timers.DueTimers;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The approval window and its reminder, both timers with the contract as subject: a dispute's {@code
 * DueTimers.pauseAll(contract)} stops them with the time they had left and {@code resumeAll} restarts them.
 */
@Component
class ApprovalClock {

    static final String WINDOW_ENDS = "COMPLETION_APPROVAL_WINDOW_ENDS";
    static final String REMINDER = "COMPLETION_APPROVAL_REMINDER";

    private final DueTimers timers;
    private final CompletionSettings settings;

    ApprovalClock(DueTimers timers, CompletionSettings settings) {
        this.timers = timers;
        this.settings = settings;
    }

    /** Starts both clocks for a submission; returns when the work will be approved automatically. */
    @Transactional(propagation = Propagation.MANDATORY)
    Instant start(UUID contractId, Instant submittedAt) {
        Instant autoApprovesAt = submittedAt.plus(settings.approvalWindow());
        timers.schedule(WINDOW_ENDS, contractId, autoApprovesAt);
        Instant remindAt = autoApprovesAt.minus(settings.reminderBefore());
        if (remindAt.isAfter(submittedAt) && remindAt.isBefore(autoApprovesAt)) {
            timers.schedule(REMINDER, contractId, remindAt);
        } else {
            timers.cancel(REMINDER, contractId); // a window too short for a reminder
        }
        return autoApprovesAt;
    }

    /** The submission was decided (or the contract ended another way): neither clock may fire any more. */
    @Transactional(propagation = Propagation.MANDATORY)
    void stop(UUID contractId) {
        timers.cancel(WINDOW_ENDS, contractId);
        timers.cancel(REMINDER, contractId);
    }

    /** The live approval timer (running, or paused by a dispute), if any. */
    Optional<DueTimer> window(UUID contractId) {
        return timers.find(WINDOW_ENDS, contractId);
    }

    /** A contract that ends while its clocks are paused (a dispute resolved) leaves no paused timer behind. */
    @EventListener
    void on(ContractStatusChanged changed) {
        if (changed.to().terminal()) {
            stop(changed.contract());
        }
    }
}
