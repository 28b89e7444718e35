/**
 * Contracts: acceptance of one bid into exactly one contract (a snapshot of the accepted terms), its funding window,
 * and the contract's life up to its end. Acceptance locks the job, accepts the bid and rejects the others, awards the
 * job and opens the contract in one transaction.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "audit", "platform", "identity", "timers", "jobs", "bidding"})
package com.fairtradeworker.contracts;
