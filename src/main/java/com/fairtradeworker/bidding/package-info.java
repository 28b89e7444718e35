/**
 * Bidding: contractors' sealed bids on open jobs, their revisions and withdrawal, and who may see them (a contractor
 * only their own bid; the job's homeowner every bid on the job; admins all). Acceptance, which turns one bid into a
 * contract, lives in the contracts module and reaches in through {@link com.fairtradeworker.bidding.BiddingApi}.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "audit", "platform", "identity", "profiles", "jobs"})
package com.fairtradeworker.bidding;
