package com.fairtradeworker.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

class FailureDescriptionTest {

    @Test
    void namesEachCauseAndMasksAddressesQuotedByTheServer() {
        var failure = new MailSendException(
                "550 5.1.1 <ann.smith+x@example.test>: Recipient address rejected",
                new ConnectException("Connection refused"));

        String description = FailureDescription.of(failure);

        assertThat(description)
                .isEqualTo("MailSendException: 550 5.1.1 <<address>>: Recipient address rejected"
                        + " <- ConnectException: Connection refused")
                .doesNotContain("ann.smith");
    }

    @Test
    void staysShort() {
        String description = FailureDescription.of(new IllegalStateException("x".repeat(5_000)));

        assertThat(description).hasSize(FailureDescription.MAX_LENGTH).endsWith("...");
    }
}
