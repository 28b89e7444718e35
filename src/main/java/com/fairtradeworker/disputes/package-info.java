/**
 * Disputes: either party of a funded contract opens one (the contract becomes DISPUTED, its escrow frozen, its clocks
 * paused), the other party responds, both add statements, the opener may withdraw (everything returns as it was), and
 * an admin resolves it with a written reason: release, refund or split through escrow. If the other party never
 * responds, the response clock resolves it in favour of the opener. See {@code docs/disputes.md}.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {
            "shared",
            "audit",
            "platform",
            "identity",
            "timers",
            "contracts",
            "escrow",
            "completions",
            "idempotency"
        })
package com.fairtradeworker.disputes;
