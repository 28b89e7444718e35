package com.fairtradeworker.bidding;

import com.fairtradeworker.identity.IdentityApi;
import com.fairtradeworker.profiles.ProfilesApi;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Who may bid: a contractor with a verified e-mail address and a complete profile (domain guide, "Roles"). */
@Component
class BidderEligibility {

    private final IdentityApi identity;
    private final ProfilesApi profiles;

    BidderEligibility(IdentityApi identity, ProfilesApi profiles) {
        this.identity = identity;
        this.profiles = profiles;
    }

    void requireEligibleBidder(UUID contractorId) {
        identity.requireVerifiedEmail(contractorId);
        profiles.requireCompleteContractorProfile(contractorId);
    }
}
