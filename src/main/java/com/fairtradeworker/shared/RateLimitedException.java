package com.fairtradeworker.shared;

/**
 * A refusal because a rate limit is used up. Answered with 429 and a {@code Retry-After} header carrying
 * {@link #retryAfterSeconds()}, so clients know when trying again can succeed.
 */
public class RateLimitedException extends ProblemException {

    private final long retryAfterSeconds;

    public RateLimitedException(String detail, long retryAfterSeconds) {
        super(ProblemType.RATE_LIMITED, detail);
        if (retryAfterSeconds < 1) {
            throw new IllegalArgumentException("retryAfterSeconds must be at least 1, was " + retryAfterSeconds);
        }
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
