package com.fairtradeworker.shared;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount in integer minor units (cents) of an ISO 4217 currency. In JSON: {@code {"amountMinor": 125000,
 * "currency": "USD"}}. Never a floating-point number; arithmetic refuses to mix currencies or overflow.
 */
public record Money(long amountMinor, String currency) {

    private static final Pattern ISO_CODE = Pattern.compile("^[A-Z]{3}$");

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (!ISO_CODE.matcher(currency).matches()) {
            throw new IllegalArgumentException("Currency must be an ISO 4217 code such as USD");
        }
    }

    public static Money of(long amountMinor, String currency) {
        return new Money(amountMinor, currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(amountMinor, other.amountMinor), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(amountMinor, other.amountMinor), currency);
    }

    /** floor(amount x basisPoints / 10,000): the platform fee rule. */
    public Money basisPoints(int basisPoints) {
        if (basisPoints < 0 || basisPoints > 10_000) {
            throw new IllegalArgumentException("Basis points must be between 0 and 10000");
        }
        return new Money(Math.floorDiv(Math.multiplyExact(amountMinor, basisPoints), 10_000L), currency);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("Cannot combine " + currency + " with " + other.currency);
        }
    }
}
