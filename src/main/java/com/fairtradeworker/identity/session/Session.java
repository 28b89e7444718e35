package com.fairtradeworker.identity.session;

import com.fairtradeworker.identity.Role;
import java.time.Instant;
import java.util.UUID;

/** A signed-in device: what the user sees in their session list, and what every access token is checked against. */
public record Session(
        String id, UUID userId, Role role, Instant createdAt, Instant lastSeenAt, String ip, String userAgent) {}
