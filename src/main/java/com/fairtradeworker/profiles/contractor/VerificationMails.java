package com.fairtradeworker.profiles.contractor;

import com.fairtradeworker.identity.AccountDetails;
import com.fairtradeworker.notifications.MailOutbox;
import com.fairtradeworker.notifications.OutgoingMail;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The e-mails about a contractor's verification: reminders before a credential expires, the badge dropping, and an
 * admin's decision. Plain text, enqueued in the caller's transaction; reminders are deduplicated per credential and
 * expiry date, so a retried timer never mails twice.
 */
@Component
class VerificationMails {

    private final MailOutbox outbox;
    private final String profileLink;

    VerificationMails(MailOutbox outbox, @Value("${app.frontend-url}") String frontendUrl) {
        this.outbox = outbox;
        this.profileLink = frontendUrl.replaceAll("/+$", "") + "/contractor/profile";
    }

    void expiresSoon(AccountDetails contractor, CredentialTimer timer, LocalDate expiresOn) {
        String credential = timer.credential().label();
        send(
                contractor,
                "profiles.credential-reminder",
                timer.kind() + ":" + contractor.id() + ":" + expiresOn,
                "Your " + credential + " expires in " + timer.daysBefore() + " days",
                """
                Hello %s,

                The %s on your FairTradeWorker profile is valid until %s, %d days from now. When it expires, your
                verification badge is removed.

                Once it is renewed, enter the new details on your profile and submit them for verification:
                %s
                """.formatted(contractor.displayName(), credential, expiresOn, timer.daysBefore(), profileLink));
    }

    void badgeDropped(AccountDetails contractor, CredentialTimer timer, LocalDate expiredOn) {
        String credential = timer.credential().label();
        send(
                contractor,
                "profiles.badge-expired",
                timer.kind() + ":" + contractor.id() + ":" + expiredOn,
                "Your verification badge was removed",
                """
                Hello %s,

                The %s on your FairTradeWorker profile expired on %s, so your verification badge was removed.
                Enter the renewed details on your profile and submit them for verification to get it back:
                %s
                """.formatted(contractor.displayName(), credential, expiredOn, profileLink));
    }

    void decided(AccountDetails contractor, Verification verification) {
        boolean verified = verification.verified();
        String reason = verification.note() == null ? "" : "\nThe reviewer wrote: " + verification.note() + "\n";
        send(
                contractor,
                "profiles.verification-decided",
                "profiles.verification-decided:" + UUID.randomUUID(),
                verified ? "Your licence and insurance are verified" : "Your verification was not approved",
                """
                Hello %s,

                %s
                %s
                Your profile: %s
                """.formatted(
                                contractor.displayName(),
                                verified
                                        ? "An administrator checked your licence and insurance: your profile now shows"
                                                + " the verification badge."
                                        : "An administrator could not verify your licence and insurance details.",
                                reason,
                                profileLink));
    }

    private void send(AccountDetails contractor, String template, String dedupeKey, String subject, String body) {
        outbox.enqueue(new OutgoingMail(contractor.id(), contractor.email(), template, dedupeKey, subject, body));
    }
}
