package com.fairtradeworker.profiles.contractor;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.identity.AccountDetails;
import com.fairtradeworker.identity.IdentityApi;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a credential timer does when it fires, inside the poller's transaction. A timer that no longer matches the
 * profile (the date changed, the account was deleted) does nothing: editing a date reschedules its timers, so only
 * the current ones count.
 */
@Component
class CredentialExpiry {

    private final ContractorProfileRepository profiles;
    private final IdentityApi identity;
    private final VerificationMails mails;
    private final AuditLog audit;
    private final Clock clock;

    CredentialExpiry(
            ContractorProfileRepository profiles,
            IdentityApi identity,
            VerificationMails mails,
            AuditLog audit,
            Clock clock) {
        this.profiles = profiles;
        this.identity = identity;
        this.mails = mails;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void fire(CredentialTimer timer, UUID contractorId, Instant dueAt) {
        Optional<ContractorProfile> found = profiles.lock(contractorId);
        Optional<AccountDetails> account = identity.account(contractorId).filter(AccountDetails::active);
        if (found.isEmpty() || account.isEmpty()) {
            return;
        }
        ContractorProfile profile = found.get();
        LocalDate expiresOn = timer.credential().expiresOn(profile);
        if (expiresOn == null || !timer.dueFor(expiresOn).equals(dueAt)) {
            return;
        }
        if (!timer.dropsBadge()) {
            // A poller back after the expiry fires the late reminder first: no "expires in 7 days" for a gone date.
            if (clock.instant().isBefore(Credential.expiryMoment(expiresOn))) {
                mails.expiresSoon(account.get(), timer, expiresOn);
            }
        } else if (profile.verification().verified()) {
            dropBadge(profile, account.get(), timer, expiresOn);
        }
    }

    private void dropBadge(ContractorProfile profile, AccountDetails account, CredentialTimer timer, LocalDate on) {
        Verification dropped =
                profile.verification().expired("Your " + timer.credential().label() + " expired on " + on + ".");
        profiles.save(profile.withVerification(dropped), clock.instant());
        audit.record(AuditEntry.bySystem("CONTRACTOR_BADGE_EXPIRED", "contractor_profile", profile.userId())
                .with(Map.of("credential", timer.credential().name(), "expiredOn", on.toString())));
        mails.badgeDropped(account, timer, on);
    }
}
