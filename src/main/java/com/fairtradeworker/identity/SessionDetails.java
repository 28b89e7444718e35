package com.fairtradeworker.identity;

import java.time.Instant;

/** A signed-in device of a user, as its owner sees it in the session list and in their personal-data export. */
public record SessionDetails(String id, Instant createdAt, Instant lastSeenAt, String ip, String userAgent) {}
