package com.fairtradeworker.identity.account;

/** Mirrors the CHECK on {@code users.status}. */
public enum UserStatus {
    ACTIVE,
    DISABLED,
    DELETED
}
