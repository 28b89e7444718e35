package com.fairtradeworker.profiles.contractor;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.identity.IdentityApi;
import com.fairtradeworker.identity.Role;
import com.fairtradeworker.shared.NotFoundException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A contractor's own profile: reading it, editing it, and handing in licence and insurance for verification.
 *
 * <p>Editing licence or insurance details outside a submission drops the verification back to UNVERIFIED (badge
 * gone): an admin checked the old details, not the new ones. Submitting always moves it to PENDING.
 */
@Service
public class ContractorProfiles {

    private final ContractorProfileRepository profiles;
    private final CredentialClocks clocks;
    private final IdentityApi identity;
    private final AuditLog audit;
    private final Clock clock;

    ContractorProfiles(
            ContractorProfileRepository profiles,
            CredentialClocks clocks,
            IdentityApi identity,
            AuditLog audit,
            Clock clock) {
        this.profiles = profiles;
        this.clocks = clocks;
        this.identity = identity;
        this.audit = audit;
        this.clock = clock;
    }

    /** The saved profile, or an empty one before the first save. */
    public ContractorProfile own(UUID contractorId) {
        return profiles.find(contractorId).orElseGet(() -> ContractorProfile.empty(contractorId));
    }

    public Optional<ContractorProfile> find(UUID contractorId) {
        return profiles.find(contractorId);
    }

    public List<ContractorProfile> findAll(Collection<UUID> contractorIds) {
        return profiles.findAll(contractorIds);
    }

    /** Today in UTC by the injected clock: the day credential expiry dates are compared with. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    @Transactional
    public ContractorProfile update(UUID contractorId, ContractorProfileEdit requested, String phone) {
        ContractorProfileEdit edit = withoutDuplicateTrades(requested);
        ContractorProfile current = profiles.lockCreatingIfMissing(contractorId);
        ContractorProfileRules.check(edit, current, today());
        boolean credentialsChanged = current.credentialsDifferFrom(edit.licence(), edit.insurance());
        Verification verification =
                credentialsChanged ? current.verification().credentialsChanged() : current.verification();
        ContractorProfile updated = current.edited(edit, verification);
        profiles.save(updated, clock.instant());
        identity.changePhone(contractorId, phone);
        if (credentialsChanged) {
            clocks.reschedule(updated);
        }
        audit.record(AuditEntry.byUser(contractorId, "CONTRACTOR_PROFILE_UPDATED", "contractor_profile", contractorId)
                .with(Map.of(
                        "credentialsChanged",
                        credentialsChanged,
                        "verificationStatus",
                        verification.status().name())));
        return profiles.find(contractorId).orElseThrow();
    }

    /** The contractor hands in licence and insurance details (stored on the profile) for an admin to check. */
    @Transactional
    public ContractorProfile submitForVerification(UUID contractorId, Licence licence, Insurance insurance) {
        ContractorProfile current = profiles.lockCreatingIfMissing(contractorId);
        ContractorProfileRules.checkSubmission(licence, insurance, today());
        Verification pending = current.verification().submit();
        ContractorProfile submitted = current.withCredentials(licence, insurance, pending);
        profiles.save(submitted, clock.instant());
        clocks.reschedule(submitted);
        audit.record(AuditEntry.byUser(
                        contractorId, "CONTRACTOR_VERIFICATION_SUBMITTED", "contractor_profile", contractorId)
                .with(Map.of("previousStatus", current.verification().status().name())));
        return profiles.find(contractorId).orElseThrow();
    }

    /** What anyone may see; only active contractor accounts have one. */
    public ContractorProfile publicProfile(UUID contractorId) {
        boolean activeContractor = identity.account(contractorId)
                .filter(account -> account.active() && account.role() == Role.CONTRACTOR)
                .isPresent();
        if (!activeContractor) {
            throw new NotFoundException("contractor");
        }
        return profiles.find(contractorId).orElseThrow(() -> new NotFoundException("contractor"));
    }

    /** Account deletion: the profile keeps nothing personal and its clocks stop. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void erase(UUID contractorId) {
        profiles.erase(contractorId, clock.instant());
        clocks.cancelAll(contractorId);
    }

    private static ContractorProfileEdit withoutDuplicateTrades(ContractorProfileEdit edit) {
        List<String> trades = List.copyOf(new LinkedHashSet<>(edit.trades()));
        return new ContractorProfileEdit(
                edit.businessName(),
                trades,
                edit.serviceArea(),
                edit.licence(),
                edit.insurance(),
                edit.bio(),
                edit.yearsExperience());
    }
}
