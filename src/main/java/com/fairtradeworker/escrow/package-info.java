/**
 * Escrow: the double-entry ledger, one escrow account per contract, the payment-provider port (with its simulated
 * development adapter), funding, release, refund and split, payouts to contractors and refunds to payers, mutual
 * cancellation of a funded contract, and the per-contract statement. Every movement is one journal transaction whose
 * entries sum to zero; each escrow leaves HELD once, under the contract's row lock and behind unique indexes.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {
            "shared",
            "audit",
            "platform",
            "identity",
            "timers",
            "contracts",
            "profiles",
            "idempotency"
        })
package com.fairtradeworker.escrow;
