package com.fairtradeworker.notifications;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Makes and checks six-digit phone codes. A plain hash of six digits falls to a million guesses, so the stored value
 * is an HMAC-SHA256 under a key derived from {@code JWT_SECRET} (HKDF, a label of its own), over the user, the number
 * and the code: the table alone reveals nothing, and a code is valid only for the number it was sent to.
 */
@Component
class PhoneCodeHasher {

    private static final byte[] KEY_LABEL =
            "fairtradeworker/notifications/phone-code/v1".getBytes(StandardCharsets.UTF_8);
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    PhoneCodeHasher(@Value("${app.jwt-secret}") String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("app.jwt-secret is needed to protect phone verification codes");
        }
        this.key = new SecretKeySpec(
                Hkdf.deriveKey(secret.getBytes(StandardCharsets.UTF_8), new byte[0], KEY_LABEL, 32), HMAC);
    }

    /** Six uniformly random digits, leading zeros kept. */
    String newCode() {
        return "%06d".formatted(random.nextInt(1_000_000));
    }

    byte[] hash(UUID userId, String phone, String code) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal((userId + "\n" + phone + "\n" + code).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /** Constant time, so the comparison does not tell how much of a guess was right. */
    boolean matches(UUID userId, String phone, String code, byte[] stored) {
        return MessageDigest.isEqual(hash(userId, phone, code), stored);
    }
}
