package com.fairtradeworker.notifications.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.shared.Money;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void amountsAreWrittenInTheirCurrency() {
        assertThat(Messages.amount(Money.of(123_456, "USD"))).isEqualTo("$1,234.56");
        assertThat(Messages.amount(Money.of(5, "USD"))).isEqualTo("$0.05");
        assertThat(Messages.amount(Money.of(1_500, "JPY"))).isEqualTo("\u00a51,500");
    }

    @Test
    void userTextInASubjectOrSmsIsOneShortLine() {
        assertThat(Messages.titleInSubject("Fix the sink\r\nBcc: someone@example.test"))
                .isEqualTo("Fix the sink Bcc: someone@example.test");
        assertThat(Messages.titleInSms("x".repeat(100))).hasSize(40).endsWith("\u2026");
    }

    @Test
    void timesAreWrittenInUtc() {
        assertThat(Messages.when(Instant.parse("2026-03-05T14:30:00Z"))).isEqualTo("5 March 2026, 14:30 UTC");
    }
}
