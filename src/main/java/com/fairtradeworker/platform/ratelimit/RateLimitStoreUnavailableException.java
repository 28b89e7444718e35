package com.fairtradeworker.platform.ratelimit;

/** The counts in Redis could not be read or written in time; each limit decides whether that refuses or passes. */
final class RateLimitStoreUnavailableException extends RuntimeException {

    RateLimitStoreUnavailableException(Throwable cause) {
        super("Rate limit store unreachable: " + cause.getClass().getSimpleName(), cause);
    }
}
