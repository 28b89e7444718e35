package com.fairtradeworker.identity.session;

/** What presenting a refresh token did. */
public enum RefreshOutcome {
    /** The current token: a new one replaces it. */
    ROTATED,
    /** An already used token: someone else holds a copy, so the whole session was revoked. */
    REUSED,
    /** Unknown, expired or revoked. */
    INVALID
}
