package com.fairtradeworker.escrow;

import com.fairtradeworker.shared.Money;

/**
 * How held money leaves escrow: part to the contractor (less the platform fee on that part only), the rest back to the
 * payer. A release sends everything to the contractor, a refund nothing, a split something in between; each is one
 * journal transaction.
 */
record EscrowExit(Money held, Money toContractor, int feeRateBps) {

    EscrowExit {
        if (toContractor.amountMinor() < 0 || toContractor.amountMinor() > held.amountMinor()) {
            throw new IllegalArgumentException("The contractor's part must lie between 0 and the held amount");
        }
        held.minus(toContractor); // same currency
    }

    static EscrowExit release(Money held, int feeRateBps) {
        return new EscrowExit(held, held, feeRateBps);
    }

    static EscrowExit refund(Money held) {
        return new EscrowExit(held, new Money(0, held.currency()), 0);
    }

    /** floor(released part x rate / 10,000): charged only on what the contractor receives. */
    Money fee() {
        return toContractor.basisPoints(feeRateBps);
    }

    Money contractorNet() {
        return toContractor.minus(fee());
    }

    Money refunded() {
        return held.minus(toContractor);
    }

    EscrowStatus outcome() {
        if (toContractor.equals(held)) {
            return EscrowStatus.RELEASED;
        }
        return toContractor.amountMinor() == 0 ? EscrowStatus.REFUNDED : EscrowStatus.SPLIT;
    }

    JournalKind journalKind() {
        return switch (outcome()) {
            case RELEASED -> JournalKind.RELEASE;
            case REFUNDED -> JournalKind.REFUND;
            default -> JournalKind.SPLIT;
        };
    }
}
