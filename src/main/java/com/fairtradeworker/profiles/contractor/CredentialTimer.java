package com.fairtradeworker.profiles.contractor;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The clocks each credential's expiry date runs in the due-timers table, one timer kind each (subject: the
 * contractor's user id): reminders 30 and 7 days before the expiry moment, and the expiry itself, which drops the
 * badge.
 */
enum CredentialTimer {
    LICENCE_REMINDER_30D(Credential.LICENCE, 30),
    LICENCE_REMINDER_7D(Credential.LICENCE, 7),
    LICENCE_EXPIRES(Credential.LICENCE, 0),
    INSURANCE_REMINDER_30D(Credential.INSURANCE, 30),
    INSURANCE_REMINDER_7D(Credential.INSURANCE, 7),
    INSURANCE_EXPIRES(Credential.INSURANCE, 0);

    private final Credential credential;
    private final int daysBefore;

    CredentialTimer(Credential credential, int daysBefore) {
        this.credential = credential;
        this.daysBefore = daysBefore;
    }

    /** The due-timer kind, such as {@code CONTRACTOR_LICENCE_REMINDER_30D}. */
    String kind() {
        return "CONTRACTOR_" + name();
    }

    Credential credential() {
        return credential;
    }

    int daysBefore() {
        return daysBefore;
    }

    boolean dropsBadge() {
        return daysBefore == 0;
    }

    Instant dueFor(LocalDate lastValidDay) {
        return Credential.expiryMoment(lastValidDay).minus(Duration.ofDays(daysBefore));
    }
}
