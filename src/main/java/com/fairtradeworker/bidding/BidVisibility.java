package com.fairtradeworker.bidding;

import com.fairtradeworker.identity.AuthenticatedUser;
import com.fairtradeworker.identity.Role;
import java.util.Optional;
import java.util.UUID;

/**
 * Who may see a bid (the domain guide's visibility table): its contractor, the job's homeowner, and admins. Everyone
 * else, other contractors above all, gets nothing, and the callers answer them exactly as for a missing bid.
 */
final class BidVisibility {

    /** In which capacity someone sees a bid; what they see differs only in the job-level figures. */
    enum Viewer {
        CONTRACTOR_OWNER,
        HOMEOWNER_OWNER,
        ADMIN
    }

    private BidVisibility() {}

    static Optional<Viewer> viewerOf(AuthenticatedUser user, UUID bidContractorId, UUID jobHomeownerId) {
        if (user.is(Role.ADMIN)) {
            return Optional.of(Viewer.ADMIN);
        }
        if (user.is(Role.CONTRACTOR) && user.userId().equals(bidContractorId)) {
            return Optional.of(Viewer.CONTRACTOR_OWNER);
        }
        if (user.is(Role.HOMEOWNER) && user.userId().equals(jobHomeownerId)) {
            return Optional.of(Viewer.HOMEOWNER_OWNER);
        }
        return Optional.empty();
    }

    /**
     * Who sees every bid on a job, with the live count and lowest amount: its homeowner and admins. Contractors never
     * do, whatever they bid.
     */
    static boolean seesAllBidsOfJob(AuthenticatedUser user, UUID jobHomeownerId) {
        return user.is(Role.ADMIN) || (user.is(Role.HOMEOWNER) && user.userId().equals(jobHomeownerId));
    }
}
