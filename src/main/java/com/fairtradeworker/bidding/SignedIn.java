package com.fairtradeworker.bidding;

import com.fairtradeworker.identity.AuthenticatedUser;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;

/**
 * The routes are declared signed-in only ({@link BiddingRoutes}); this is the second lock on the door, in case a
 * broader rule elsewhere ever opened one of them to anonymous callers.
 */
final class SignedIn {

    private SignedIn() {}

    static AuthenticatedUser require(AuthenticatedUser user) {
        if (user == null) {
            throw new ProblemException(ProblemType.UNAUTHENTICATED, "Sign in to use this route.");
        }
        return user;
    }
}
