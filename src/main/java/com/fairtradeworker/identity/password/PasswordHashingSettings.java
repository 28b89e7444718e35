package com.fairtradeworker.identity.password;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many Argon2id runs may happen at once ({@code app.identity.max-concurrent-password-hashes}, default: the number
 * of available processors) and how long a request waits for its turn ({@code app.identity.password-hash-wait}, default
 * 2 s) before it is answered 503 with {@code Retry-After}. Each run takes about 30 ms of one core and 19 MiB, so more
 * runs than cores only make every one of them slower and the heap larger; see {@link PasswordHashingLimiter}.
 */
@ConfigurationProperties("app.identity")
public record PasswordHashingSettings(
        Integer maxConcurrentPasswordHashes,
        @DefaultValue("2s") Duration passwordHashWait) {

    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(2);

    public static final PasswordHashingSettings DEFAULTS = new PasswordHashingSettings(null, DEFAULT_WAIT);

    public PasswordHashingSettings {
        if (maxConcurrentPasswordHashes == null) {
            maxConcurrentPasswordHashes = Runtime.getRuntime().availableProcessors();
        }
        if (maxConcurrentPasswordHashes < 1) {
            throw new IllegalArgumentException("app.identity.max-concurrent-password-hashes must be at least 1");
        }
        if (passwordHashWait == null) {
            passwordHashWait = DEFAULT_WAIT;
        }
        if (passwordHashWait.isNegative()) {
            throw new IllegalArgumentException("app.identity.password-hash-wait must not be negative");
        }
    }
}
