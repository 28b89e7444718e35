package com.fairtradeworker.platform.ratelimit;

import com.fairtradeworker.platform.AttemptLimiter;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import com.fairtradeworker.shared.RateLimitedException;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The brute-force limit in Redis: one bucket per action and account, one per action and client network, both of 10
 * attempts refilled all at once 15 minutes after the bucket's first attempt. An interval refill (not a gradual one) is
 * what makes "the 11th attempt within 15 minutes is refused" hold: a gradual refill would return a token every 90 s.
 *
 * <p>Fails closed: if Redis cannot be reached, the attempt is refused with 503. Skipping the limit during an outage
 * would hand an attacker unlimited guesses exactly when an outage can be provoked.
 */
final class RedisAttemptLimiter implements AttemptLimiter {

    static final int MAX_ATTEMPTS = 10;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private static final Logger log = LoggerFactory.getLogger(RedisAttemptLimiter.class);
    private static final ThrottledWarning STORE_UNREACHABLE = new ThrottledWarning(log, Duration.ofMinutes(1));
    private static final Pattern ACTION = Pattern.compile("^[a-z][a-z0-9-]{0,39}$");
    private static final BucketConfiguration ATTEMPTS = BucketConfiguration.builder()
            .addLimit(limit -> limit.capacity(MAX_ATTEMPTS).refillIntervally(MAX_ATTEMPTS, WINDOW))
            .build();

    private final RedisBuckets buckets;

    RedisAttemptLimiter(RedisBuckets buckets) {
        this.buckets = buckets;
    }

    @Override
    public void checkAndConsume(String action, String accountKey, String clientIp) {
        if (action == null || !ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("Action names are short lower-case words, e.g. 'login'");
        }
        if (accountKey == null) {
            throw new IllegalArgumentException("An account key is required");
        }
        String network = ClientNetwork.of(clientIp);
        ConsumptionProbe byAccount;
        ConsumptionProbe byNetwork;
        try {
            // Both are always counted: an attempt on a locked account still uses up the sender's own allowance.
            byAccount = buckets.tryConsume(accountKeyOf(action, accountKey), ATTEMPTS);
            byNetwork = buckets.tryConsume("attempt:" + action + ":ip:" + network, ATTEMPTS);
        } catch (RateLimitStoreUnavailableException e) {
            STORE_UNREACHABLE.warn(
                    "Refusing '{}' attempts while the rate limit store is unreachable: {}", action, e.getMessage());
            throw new ProblemException(
                    ProblemType.SERVICE_UNAVAILABLE,
                    "This action is briefly unavailable. Please try again in a few seconds.");
        }
        long waitNanos = Math.max(waitNanos(byAccount), waitNanos(byNetwork));
        if (waitNanos > 0) {
            long seconds = RetryAfter.seconds(waitNanos);
            log.debug("Refused a '{}' attempt: too many attempts (retry in {} s)", action, seconds);
            throw new RateLimitedException("Too many attempts. Try again in " + seconds + " seconds.", seconds);
        }
    }

    static String accountKeyOf(String action, String accountKey) {
        return "attempt:" + action + ":account:"
                + KeyDigest.sha256(accountKey.trim().toLowerCase(Locale.ROOT));
    }

    private static long waitNanos(ConsumptionProbe probe) {
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }
}
