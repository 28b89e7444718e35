package com.fairtradeworker.identity.password;

import java.util.Base64;
import java.util.Optional;

/**
 * The parameters a stored hash was made with, read from its PHC string
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}. Parsed here rather than left to Spring's
 * {@code Argon2PasswordEncoder.upgradeEncoding}, which only notices a lower memory or iteration count: it ignores
 * parallelism, the Argon2 variant and the salt and hash lengths, and throws on a hash it cannot read.
 */
record EncodedArgon2Hash(
        String variant, int version, int memoryKib, int iterations, int parallelism, int saltBytes, int hashBytes) {

    static final String CURRENT_VARIANT = "argon2id";

    /** Argon2 1.3, the only version Bouncy Castle writes. */
    static final int CURRENT_VERSION = 0x13;

    /** Empty when the text is not an Argon2 PHC string (for example a legacy hash of another algorithm). */
    static Optional<EncodedArgon2Hash> parse(String encoded) {
        if (encoded == null) {
            return Optional.empty();
        }
        String[] parts = encoded.split("\\$", -1);
        // "", variant, "v=19", "m=..,t=..,p=..", salt, hash
        if (parts.length != 6 || !parts[0].isEmpty() || !parts[2].startsWith("v=")) {
            return Optional.empty();
        }
        String[] costs = parts[3].split(",", -1);
        if (costs.length != 3
                || !costs[0].startsWith("m=")
                || !costs[1].startsWith("t=")
                || !costs[2].startsWith("p=")) {
            return Optional.empty();
        }
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            return Optional.of(new EncodedArgon2Hash(
                    parts[1],
                    Integer.parseInt(parts[2].substring(2)),
                    Integer.parseInt(costs[0].substring(2)),
                    Integer.parseInt(costs[1].substring(2)),
                    Integer.parseInt(costs[2].substring(2)),
                    base64.decode(parts[4]).length,
                    base64.decode(parts[5]).length));
        } catch (IllegalArgumentException malformed) { // NumberFormatException included
            return Optional.empty();
        }
    }

    boolean madeWith(Argon2Settings settings) {
        return CURRENT_VARIANT.equals(variant)
                && version == CURRENT_VERSION
                && memoryKib == settings.memoryKib()
                && iterations == settings.iterations()
                && parallelism == settings.parallelism()
                && saltBytes == Argon2Settings.SALT_BYTES
                && hashBytes == Argon2Settings.HASH_BYTES;
    }
}
