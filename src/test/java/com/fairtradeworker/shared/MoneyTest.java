package com.fairtradeworker.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void feeIsFlooredBasisPoints() {
        assertThat(Money.of(125_000, "USD").basisPoints(500)).isEqualTo(Money.of(6_250, "USD"));
        assertThat(Money.of(199, "USD").basisPoints(500)).isEqualTo(Money.of(9, "USD"));
        assertThat(Money.of(10_000_000_000L, "USD").basisPoints(10_000)).isEqualTo(Money.of(10_000_000_000L, "USD"));
    }

    @Test
    void serializesAsAmountAndCurrencyOnly() {
        var json =
                tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(Money.of(125_000, "USD"));

        assertThat(json).isEqualTo("{\"amountMinor\":125000,\"currency\":\"USD\"}");
    }

    @Test
    void currenciesDoNotMix() {
        assertThatThrownBy(() -> Money.of(1, "USD").plus(Money.of(1, "EUR")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of(1, "usd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of(Long.MAX_VALUE, "USD").plus(Money.of(1, "USD")))
                .isInstanceOf(ArithmeticException.class);
    }
}
