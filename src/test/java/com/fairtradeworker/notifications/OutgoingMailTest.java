package com.fairtradeworker.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutgoingMailTest {

    private static final UUID USER = UUID.randomUUID();

    @Test
    void aWellFormedMailIsAccepted() {
        assertThatCode(() -> mail("ann@example.test", "identity.verify-email", "Confirm your address", "Hi"))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "not-an-address",
                "two@example.test, three@example.test",
                "Ann <ann@example.test>",
                "ann@exa mple.test"
            })
    void aRecipientMustBeOneBareAddress(String recipient) {
        assertThatThrownBy(() -> mail(recipient, "t", "Subject", "Body"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("example.test");
    }

    @Test
    void aSubjectMustBeOneLineSoNoHeaderCanBeInjected() {
        assertThatThrownBy(() -> mail("ann@example.test", "t", "Hello\r\nBcc: eve@example.test", "Body"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mail("ann@example.test", "t", "x".repeat(301), "Body"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTemplateNameIsSafeToLog() {
        assertThatThrownBy(() -> mail("ann@example.test", "bad name\n", "Subject", "Body"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBodyLongerThanTheOutboxHoldsIsRefused() {
        assertThatThrownBy(() -> mail("ann@example.test", "t", "Subject", "é".repeat(OutgoingMail.MAX_BODY_BYTES)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDedupeKeyIsRequiredAndBounded() {
        assertThatThrownBy(() -> new OutgoingMail(USER, "ann@example.test", "t", " ", "Subject", "Body"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutgoingMail(USER, "ann@example.test", "t", "k".repeat(256), "Subject", "Body"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void itsTextNeverShowsTheAddressOrTheBody() {
        OutgoingMail mail = mail("ann@example.test", "t", "Subject", "token=secret");

        assertThat(mail.toString()).doesNotContain("ann@").doesNotContain("secret");
    }

    private static OutgoingMail mail(String recipient, String template, String subject, String body) {
        return new OutgoingMail(USER, recipient, template, "key-" + UUID.randomUUID(), subject, body);
    }
}
