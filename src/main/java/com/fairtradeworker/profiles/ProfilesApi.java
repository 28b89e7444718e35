package com.fairtradeworker.profiles;

import com.fairtradeworker.profiles.contractor.ContractorProfile;
import com.fairtradeworker.profiles.contractor.ContractorProfiles;
import com.fairtradeworker.shared.NotFoundException;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What other modules ask of profiles. */
@Service
public class ProfilesApi {

    private final ContractorProfiles contractors;
    private final PayoutAccountRepository payoutAccounts;
    private final Clock clock;

    ProfilesApi(ContractorProfiles contractors, PayoutAccountRepository payoutAccounts, Clock clock) {
        this.contractors = contractors;
        this.payoutAccounts = payoutAccounts;
        this.clock = clock;
    }

    /** The contractor's connected payout account, if they have connected one. */
    public Optional<PayoutAccount> payoutAccount(UUID contractorId) {
        return payoutAccounts.find(contractorId);
    }

    /** Whose payout account the provider's account id is (its webhooks name accounts, not users). */
    public Optional<UUID> contractorOfPayoutAccount(String accountId) {
        return payoutAccounts.contractorOf(accountId);
    }

    /**
     * Records the contractor's payout account and whether it can receive payouts now; a contractor without a profile
     * is refused (404: complete a profile first).
     */
    @Transactional
    public PayoutAccount recordPayoutAccount(UUID contractorId, String accountId, boolean payoutsEnabled) {
        Instant now = clock.instant();
        Instant enabledAt = payoutsEnabled
                ? payoutAccounts
                        .find(contractorId)
                        .map(PayoutAccount::payoutsEnabledAt)
                        .filter(Objects::nonNull)
                        .orElse(now)
                : null;
        if (!payoutAccounts.save(contractorId, accountId, enabledAt, now)) {
            throw new NotFoundException("contractor profile");
        }
        return new PayoutAccount(accountId, enabledAt);
    }

    /**
     * Complete means what bidding needs: a business name, at least one trade, a service area, a licence (number,
     * region, expiry) and insurance (provider, expiry), neither expired today. Verification is not required: the
     * homeowner sees the badge instead.
     */
    public boolean contractorProfileComplete(UUID contractorId) {
        return missingForBidding(contractorId).isEmpty();
    }

    /**
     * The one check before a contractor bids: refused with 403 {@code profile-incomplete}, naming the missing fields,
     * otherwise nothing happens.
     */
    public void requireCompleteContractorProfile(UUID contractorId) {
        List<String> missing = missingForBidding(contractorId);
        if (!missing.isEmpty()) {
            throw new ProblemException(
                    ProblemType.PROFILE_INCOMPLETE,
                    "Complete your contractor profile first; missing or expired: " + String.join(", ", missing) + ".",
                    Map.of("missing", missing));
        }
    }

    /** The contractor's service area: the default centre and radius of their job search. */
    public Optional<ServiceArea> contractorServiceArea(UUID contractorId) {
        return contractors.find(contractorId).map(ContractorProfile::serviceArea);
    }

    /** The trade codes the contractor offers (taxonomy codes; empty when none). */
    public List<String> contractorTrades(UUID contractorId) {
        return contractors.find(contractorId).map(ContractorProfile::trades).orElse(List.of());
    }

    /** Bidders as a homeowner sees them, by contractor id; ids without a profile are left out. */
    public Map<UUID, ContractorSummary> contractorSummaries(Collection<UUID> contractorIds) {
        if (contractorIds.isEmpty()) {
            return Map.of();
        }
        return contractors.findAll(contractorIds).stream()
                .map(ProfilesApi::summary)
                .collect(Collectors.toMap(ContractorSummary::contractorId, Function.identity()));
    }

    private List<String> missingForBidding(UUID contractorId) {
        return contractors.own(contractorId).missingForBidding(contractors.today());
    }

    private static ContractorSummary summary(ContractorProfile profile) {
        return new ContractorSummary(
                profile.userId(),
                profile.businessName(),
                profile.verification().verified(),
                profile.ratingCount(),
                profile.rating().averageRating());
    }
}
