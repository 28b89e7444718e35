package com.fairtradeworker.identity.password;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Argon2id cost parameters, set through {@code app.security.argon2.memory-kib}, {@code .iterations} and
 * {@code .parallelism}. The defaults are the security guide's (and OWASP's) minimum: 19 MiB, 2 passes, 1 lane.
 * Raising them is allowed and makes {@link PasswordHasher#needsRehash} upgrade stored hashes at the next login;
 * values below the minimum refuse to start, so a configuration slip cannot quietly weaken storage.
 */
@ConfigurationProperties("app.security.argon2")
public record Argon2Settings(
        @DefaultValue("19456") int memoryKib,
        @DefaultValue("2") int iterations,
        @DefaultValue("1") int parallelism) {

    public static final int MIN_MEMORY_KIB = 19_456;
    public static final int MIN_ITERATIONS = 2;

    /** Fixed, not configurable: changing them gains nothing and would only force needless rehashing. */
    public static final int SALT_BYTES = 16;

    public static final int HASH_BYTES = 32;

    public static final Argon2Settings DEFAULTS = new Argon2Settings(MIN_MEMORY_KIB, MIN_ITERATIONS, 1);

    public Argon2Settings {
        if (memoryKib < MIN_MEMORY_KIB) {
            throw new IllegalArgumentException(
                    "app.security.argon2.memory-kib must be at least " + MIN_MEMORY_KIB + " (19 MiB)");
        }
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("app.security.argon2.iterations must be at least " + MIN_ITERATIONS);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("app.security.argon2.parallelism must be at least 1");
        }
    }
}
