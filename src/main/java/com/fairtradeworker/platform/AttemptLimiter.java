package com.fairtradeworker.platform;

import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.RateLimitedException;
import com.fairtradeworker.shared.RequestMetadata;

/**
 * Brute-force limits for sensitive actions, as the security guide sets them: at most 10 attempts per 15 minutes per
 * account and, separately, per client IP, for each action. Counts live in Redis so every instance shares them.
 *
 * <p>Call it before doing the action's work, for every attempt (successful or not): the limit counts attempts, not
 * failures. It never fails open: when Redis cannot be reached the attempt is refused with 503.
 */
public interface AttemptLimiter {

    String LOGIN = "login";
    String PASSWORD_RESET = "password-reset";
    String VERIFICATION_RESEND = "verification-resend";

    /**
     * Counts one attempt of {@code action} against the account and against the client IP.
     *
     * @param action a short lower-case name such as {@link #LOGIN} ({@code [a-z][a-z0-9-]*}); each action has its own
     *     counts
     * @param accountKey what identifies the account, normally the e-mail address as typed; it is trimmed, lower-cased and
     *     hashed, so the same address in any case shares one count and no address is stored in Redis
     * @param clientIp the client's address as resolved through trusted proxies ({@link RequestMetadata#clientIp()})
     * @throws RateLimitedException (429) when either count is used up; its retry-after says when to try again
     * @throws ProblemException of type {@code SERVICE_UNAVAILABLE} (503) when the counts cannot be read or written
     */
    void checkAndConsume(String action, String accountKey, String clientIp);

    /** As {@link #checkAndConsume(String, String, String)}, with the client IP of the current web request. */
    default void checkAndConsume(String action, String accountKey) {
        String clientIp = RequestMetadata.current()
                .map(RequestMetadata::clientIp)
                .orElseThrow(() -> new IllegalStateException(
                        "No web request on this thread: pass the client IP to checkAndConsume explicitly"));
        checkAndConsume(action, accountKey, clientIp);
    }
}
