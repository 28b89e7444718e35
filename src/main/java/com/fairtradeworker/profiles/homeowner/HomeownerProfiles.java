package com.fairtradeworker.profiles.homeowner;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.identity.IdentityApi;
import com.fairtradeworker.profiles.RatingSummary;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** A homeowner's own profile. The phone number lives on the account (identity), the rest here. */
@Service
public class HomeownerProfiles {

    private final HomeownerProfileRepository profiles;
    private final IdentityApi identity;
    private final AuditLog audit;
    private final Clock clock;

    HomeownerProfiles(HomeownerProfileRepository profiles, IdentityApi identity, AuditLog audit, Clock clock) {
        this.profiles = profiles;
        this.identity = identity;
        this.audit = audit;
        this.clock = clock;
    }

    public Optional<HomeownerProfile> find(UUID homeownerId) {
        return profiles.find(homeownerId);
    }

    /** The saved profile, or an empty one before the first save. */
    public HomeownerProfile own(UUID homeownerId) {
        return profiles.find(homeownerId).orElseGet(() -> HomeownerProfile.empty(homeownerId));
    }

    /** The published reviews about the homeowner: count and average. */
    public RatingSummary rating(UUID homeownerId) {
        return profiles.rating(homeownerId);
    }

    @Transactional
    public HomeownerProfile update(HomeownerProfile profile, String phone) {
        profiles.save(profile, clock.instant());
        identity.changePhone(profile.userId(), phone);
        audit.record(AuditEntry.byUser(
                profile.userId(), "HOMEOWNER_PROFILE_UPDATED", "homeowner_profile", profile.userId()));
        return own(profile.userId());
    }

    /** Account deletion: no address, postcode or location remains. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void erase(UUID homeownerId) {
        profiles.erase(homeownerId, clock.instant());
    }
}
