package com.fairtradeworker.profiles.contractor;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The two things an admin verifies; each has an expiry date that runs the badge's clock. */
public enum Credential {
    LICENCE("licence"),
    INSURANCE("insurance");

    private final String label;

    Credential(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Null when the profile has no such credential. */
    public LocalDate expiresOn(ContractorProfile profile) {
        return switch (this) {
            case LICENCE -> profile.licence() == null ? null : profile.licence().expiresOn();
            case INSURANCE ->
                profile.insurance() == null ? null : profile.insurance().expiresOn();
        };
    }

    /** A credential is valid through its expiry date (UTC) and expires when the next day begins. */
    public static Instant expiryMoment(LocalDate lastValidDay) {
        return lastValidDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public static boolean expired(LocalDate lastValidDay, LocalDate today) {
        return today.isAfter(lastValidDay);
    }
}
