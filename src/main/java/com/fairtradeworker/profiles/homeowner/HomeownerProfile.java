package com.fairtradeworker.profiles.homeowner;

import java.util.UUID;

/** A homeowner's profile as stored in {@code homeowner_profiles}: where they live, the default for their jobs. */
public record HomeownerProfile(UUID userId, String addressLine, String postcode, GeoPoint location) {

    public static HomeownerProfile empty(UUID userId) {
        return new HomeownerProfile(userId, null, null, null);
    }

    /** Never prints the address. */
    @Override
    public String toString() {
        return "HomeownerProfile[userId=" + userId + "]";
    }
}
