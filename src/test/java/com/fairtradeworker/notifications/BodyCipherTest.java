package com.fairtradeworker.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BodyCipherTest {

    private static final String SECRET = "a1".repeat(32);
    private static final String BODY = "Open https://app.example/verify?token=Zm9vYmFyYmF6cXV4 to confirm. ✓";

    private final BodyCipher cipher = new BodyCipher(SECRET);
    private final UUID id = UUID.randomUUID();

    @Test
    void aSealedBodyOpensToTheOriginalText() {
        String sealed = cipher.seal(id, BODY);

        assertThat(sealed).startsWith("v1:").doesNotContain("token").doesNotContain("Zm9vYmFyYmF6cXV4");
        assertThat(cipher.open(id, sealed)).isEqualTo(BODY);
    }

    @Test
    void anotherInstanceWithTheSameSecretOpensIt() {
        assertThat(new BodyCipher(SECRET).open(id, cipher.seal(id, BODY))).isEqualTo(BODY);
    }

    @Test
    void eachMessageGetsItsOwnNonce() {
        byte[] first = decoded(cipher.seal(id, BODY));
        byte[] second = decoded(cipher.seal(id, BODY));

        assertThat(java.util.Arrays.copyOf(first, 12)).isNotEqualTo(java.util.Arrays.copyOf(second, 12));
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aTamperedCiphertextIsRefused() {
        byte[] sealed = decoded(cipher.seal(id, BODY));
        sealed[20] ^= 0x01;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(sealed);

        assertThatThrownBy(() -> cipher.open(id, tampered)).isInstanceOf(UnreadableBodyException.class);
    }

    @Test
    void aTamperedNonceIsRefused() {
        byte[] sealed = decoded(cipher.seal(id, BODY));
        sealed[0] ^= 0x01;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(sealed);

        assertThatThrownBy(() -> cipher.open(id, tampered)).isInstanceOf(UnreadableBodyException.class);
    }

    @Test
    void aBodyCopiedOntoAnotherNotificationIsRefused() {
        String sealed = cipher.seal(id, BODY);

        assertThatThrownBy(() -> cipher.open(UUID.randomUUID(), sealed)).isInstanceOf(UnreadableBodyException.class);
    }

    @Test
    void aBodyWrittenUnderAnotherSecretIsRefused() {
        String sealedEarlier = new BodyCipher("b2".repeat(32)).seal(id, BODY);

        assertThatThrownBy(() -> cipher.open(id, sealedEarlier))
                .isInstanceOf(UnreadableBodyException.class)
                .hasMessageNotContaining("token");
    }

    @Test
    void plainTextTruncatedOrUnknownVersionsAreRefused() {
        assertThatThrownBy(() -> cipher.open(id, BODY)).isInstanceOf(UnreadableBodyException.class);
        assertThatThrownBy(() -> cipher.open(id, "v2:" + cipher.seal(id, BODY).substring(3)))
                .isInstanceOf(UnreadableBodyException.class);
        assertThatThrownBy(() -> cipher.open(id, "v1:AAAA")).isInstanceOf(UnreadableBodyException.class);
        assertThatThrownBy(() -> cipher.open(id, "v1:not base64!")).isInstanceOf(UnreadableBodyException.class);
        assertThatThrownBy(() -> cipher.open(id, "")).isInstanceOf(UnreadableBodyException.class);
    }

    @Test
    void theLargestAllowedBodyFitsTheColumn() {
        String largest = "x".repeat(OutgoingMail.MAX_BODY_BYTES);

        assertThat(cipher.seal(id, largest).length()).isLessThanOrEqualTo(100_000);
    }

    @Test
    void anEmptySecretIsRefused() {
        assertThatThrownBy(() -> new BodyCipher(" ")).isInstanceOf(IllegalStateException.class);
    }

    private static byte[] decoded(String sealed) {
        return Base64.getDecoder().decode(sealed.substring(3));
    }
}
