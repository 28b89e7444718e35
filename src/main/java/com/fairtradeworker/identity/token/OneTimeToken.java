package com.fairtradeworker.identity.token;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A single-use secret for a link (e-mail verification, password reset): 256 bits from a secure generator, handed to the
 * user once and stored only as its SHA-256 hash, so a database reader cannot use it.
 */
public record OneTimeToken(String value, byte[] hash) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static OneTimeToken generate() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new OneTimeToken(value, hashOf(value));
    }

    public static byte[] hashOf(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    @Override
    public String toString() {
        return "OneTimeToken[redacted]";
    }
}
