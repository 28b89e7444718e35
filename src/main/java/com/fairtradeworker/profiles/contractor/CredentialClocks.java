package com.fairtradeworker.profiles.contractor;

import com.fairtradeworker.timers.DueTimers;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps a contractor's credential timers in step with their expiry dates, in the transaction that changes them. A
 * reminder whose moment has passed is not set (the contractor just typed the date in); an expiry always is, so a
 * lapsed credential still drops the badge at the next poll.
 */
@Component
class CredentialClocks {

    private final DueTimers timers;
    private final Clock clock;

    CredentialClocks(DueTimers timers, Clock clock) {
        this.timers = timers;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void reschedule(ContractorProfile profile) {
        Instant now = clock.instant();
        for (CredentialTimer timer : CredentialTimer.values()) {
            LocalDate expiresOn = timer.credential().expiresOn(profile);
            Instant due = expiresOn == null ? null : timer.dueFor(expiresOn);
            if (due != null && (timer.dropsBadge() || due.isAfter(now))) {
                timers.schedule(timer.kind(), profile.userId(), due);
            } else {
                timers.cancel(timer.kind(), profile.userId());
            }
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void cancelAll(UUID contractorId) {
        for (CredentialTimer timer : CredentialTimer.values()) {
            timers.cancel(timer.kind(), contractorId);
        }
    }
}
