package com.fairtradeworker.notifications;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts message bodies at rest, because they carry single-use links (verification, password reset) that must never
 * be readable from the database or a backup.
 *
 * <p>AES-256-GCM, a random 96-bit nonce per message, stored as {@code "v1:" + base64(nonce || ciphertext || tag)}. The
 * notification id is the associated data, so a body copied onto another row does not decrypt. The key is derived
 * from {@code JWT_SECRET} with HKDF-SHA256 under a label of its own, so it is independent of the token signing key
 * while needing no extra secret; rotating {@code JWT_SECRET} makes mails still pending unreadable (they are marked
 * FAILED).
 */
@Component
class BodyCipher {

    static final String VERSION_PREFIX = "v1:";
    private static final byte[] KEY_LABEL =
            "fairtradeworker/notifications/body-encryption/v1".getBytes(StandardCharsets.UTF_8);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    BodyCipher(@Value("${app.jwt-secret}") String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("app.jwt-secret is needed to encrypt stored e-mail bodies");
        }
        byte[] keyBytes = Hkdf.deriveKey(secret.getBytes(StandardCharsets.UTF_8), new byte[0], KEY_LABEL, 32);
        this.key = new SecretKeySpec(keyBytes, "AES");
    }

    String seal(UUID notificationId, String body) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, notificationId);
            byte[] ciphertext = cipher.doFinal(body.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = ByteBuffer.allocate(nonce.length + ciphertext.length)
                    .put(nonce)
                    .put(ciphertext)
                    .array();
            return VERSION_PREFIX + Base64.getEncoder().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** @throws UnreadableBodyException when the body was written with another key, altered, or is not ours */
    String open(UUID notificationId, String stored) {
        if (stored == null || !stored.startsWith(VERSION_PREFIX)) {
            throw new UnreadableBodyException("not an encrypted body of a known version");
        }
        byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(stored.substring(VERSION_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new UnreadableBodyException("encrypted body is not base64");
        }
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new UnreadableBodyException("encrypted body is truncated");
        }
        try {
            byte[] nonce = Arrays.copyOfRange(sealed, 0, NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, notificationId);
            byte[] plaintext = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
            return new String(plaintext, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new UnreadableBodyException("encrypted body fails authentication (another key, or altered)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, UUID notificationId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(notificationId.toString().getBytes(StandardCharsets.US_ASCII));
        return cipher;
    }
}
