package com.fairtradeworker.identity.account;

import com.fairtradeworker.identity.Role;
import java.time.Instant;
import java.util.UUID;

/** An account as stored in {@code users}. The password hash never leaves this module. */
public record User(
        UUID id,
        String email,
        String passwordHash,
        String displayName,
        String phone,
        Role role,
        UserStatus status,
        Instant emailVerifiedAt,
        Instant createdAt) {

    public boolean emailVerified() {
        return emailVerifiedAt != null;
    }

    public boolean active() {
        return status == UserStatus.ACTIVE;
    }
}
