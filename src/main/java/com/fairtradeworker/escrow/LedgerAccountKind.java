package com.fairtradeworker.escrow;

/** The ledger's accounts, as the domain guide names them; the CHECK on {@code ledger_accounts.kind} lists the same. */
enum LedgerAccountKind {
    /** The payment provider's cash: money in from payers, out to contractors and back to payers. */
    PROVIDER_CASH,
    /** One per contract: what the escrow holds is minus the sum of its entries. */
    ESCROW,
    /** One per contractor: released money not yet paid out. */
    CONTRACTOR_PAYABLE,
    PLATFORM_FEE_REVENUE,
    /** The provider's own processing fees, the platform's cost. */
    PROCESSING_FEES;

    boolean owned() {
        return this == ESCROW || this == CONTRACTOR_PAYABLE;
    }
}
