package com.fairtradeworker.identity.password;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Stores and verifies passwords with Argon2id ({@link Argon2Settings}), in the PHC string format
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, each hash with its own random 16-byte salt.
 *
 * <p>Callers pass the output of {@link PasswordPolicy#normalize}. The hasher applies NFKC once more (it is
 * idempotent) so that a call site that forgets cannot store a hash that login would never reproduce.
 *
 * <p>{@link #hash}, {@link #matches} and {@link #burnEqualWork} each run Argon2 through the
 * {@link PasswordHashingLimiter}: never inside a database transaction, and no more at once than it allows (503 when
 * the wait for a turn runs out). {@link #needsRehash} only reads the stored string and is free.
 */
@Component
public class PasswordHasher {

    private static final Logger log = LoggerFactory.getLogger(PasswordHasher.class);

    private final Argon2Settings settings;
    private final Argon2PasswordEncoder encoder;
    private final PasswordHashingLimiter limiter;

    /** A hash of a random secret nobody knows, made with the current parameters; see {@link #burnEqualWork}. */
    private final String dummyHash;

    /** With the default limits; for tools and tests outside the application context. */
    public PasswordHasher(Argon2Settings settings) {
        this(settings, new PasswordHashingLimiter(PasswordHashingSettings.DEFAULTS));
    }

    @Autowired
    public PasswordHasher(Argon2Settings settings, PasswordHashingLimiter limiter) {
        this.settings = settings;
        this.limiter = limiter;
        this.encoder = new Argon2PasswordEncoder(
                Argon2Settings.SALT_BYTES,
                Argon2Settings.HASH_BYTES,
                settings.parallelism(),
                settings.memoryKib(),
                settings.iterations());
        // Directly, not through the limiter: made once while the application starts.
        this.dummyHash = encoder.encode(randomSecret());
    }

    /** @throws PasswordHashingBusyException (503) when no hashing permit frees up in time */
    public String hash(String normalizedPassword) {
        String password = PasswordPolicy.nfkc(Objects.requireNonNull(normalizedPassword, "password"));
        return limiter.run(() -> encoder.encode(password));
    }

    /**
     * Constant-time comparison; false for a missing or unreadable stored hash.
     *
     * @throws PasswordHashingBusyException (503) when no hashing permit frees up in time
     */
    public boolean matches(String normalizedPassword, String storedHash) {
        if (normalizedPassword == null || storedHash == null) {
            return false;
        }
        if (EncodedArgon2Hash.parse(storedHash).isEmpty()) {
            // Checked here so that the log gets one line, not Spring's stack trace; the hash itself is never logged.
            log.warn("Stored password hash is not an Argon2 hash; the password cannot be verified");
            return false;
        }
        String password = PasswordPolicy.nfkc(normalizedPassword);
        return limiter.run(() -> encoder.matches(password, storedHash));
    }

    /**
     * True when the stored hash was not made with exactly the current variant, version, memory, iterations,
     * parallelism, salt and hash length (or cannot be read), so login should store a fresh {@link #hash}.
     */
    public boolean needsRehash(String storedHash) {
        return EncodedArgon2Hash.parse(storedHash)
                .map(hash -> !hash.madeWith(settings))
                .orElse(true);
    }

    /**
     * Spends the time of one verification, for login and reset when no account has the given address: without it,
     * an unknown address would answer a whole Argon2 run (about 30 ms here) sooner than a known one, revealing which
     * addresses have accounts.
     */
    public void burnEqualWork(String normalizedPassword) {
        matches(normalizedPassword == null ? "" : normalizedPassword, dummyHash);
    }

    String dummyHash() {
        return dummyHash;
    }

    private static String randomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }
}
