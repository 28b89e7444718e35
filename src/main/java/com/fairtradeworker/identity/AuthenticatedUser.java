package com.fairtradeworker.identity;

import java.util.UUID;

/**
 * Who is calling, as proven by a valid access token whose session is still alive. Controllers receive it with
 * {@code @AuthenticationPrincipal AuthenticatedUser user}.
 */
public record AuthenticatedUser(UUID userId, Role role, String sessionId) {

    public boolean is(Role candidate) {
        return role == candidate;
    }
}
