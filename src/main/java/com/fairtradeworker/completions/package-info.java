/**
 * Completions: the contractor submits the finished work (summary, notes, evidence files) on a FUNDED contract; the
 * homeowner approves it, which releases escrow, or asks for changes, which returns the contract to FUNDED; if nobody
 * acts within the approval window the work is approved automatically, with a reminder before. Evidence files (for
 * completions here, for disputes through {@link com.fairtradeworker.completions.EvidenceApi}) are stored through the
 * storage port and served only to the contract's two parties and admins. See {@code docs/completions.md}.
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
            "storage",
            "idempotency"
        })
package com.fairtradeworker.completions;
