package com.fairtradeworker.profiles;

import java.time.Instant;

/** A contractor's connected account at the payment provider; payouts wait until it can receive them. */
public record PayoutAccount(String accountId, Instant payoutsEnabledAt) {

    public boolean payoutsEnabled() {
        return payoutsEnabledAt != null;
    }
}
