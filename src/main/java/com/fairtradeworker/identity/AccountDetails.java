package com.fairtradeworker.identity;

import java.time.Instant;
import java.util.UUID;

/**
 * An account as other modules may see it: never the password hash. {@code active} is false for disabled and deleted
 * accounts.
 */
public record AccountDetails(
        UUID id,
        String email,
        String displayName,
        String phone,
        Role role,
        boolean active,
        Instant emailVerifiedAt,
        Instant createdAt) {

    public boolean emailVerified() {
        return emailVerifiedAt != null;
    }

    /** Never prints the address, name or phone number. */
    @Override
    public String toString() {
        return "AccountDetails[id=" + id + ", role=" + role + ", active=" + active + "]";
    }
}
