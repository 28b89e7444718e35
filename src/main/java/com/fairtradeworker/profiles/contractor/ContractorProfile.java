package com.fairtradeworker.profiles.contractor;

import com.fairtradeworker.profiles.RatingSummary;
import com.fairtradeworker.profiles.ServiceArea;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A contractor's profile as stored in {@code contractor_profiles}. */
public record ContractorProfile(
        UUID userId,
        String businessName,
        List<String> trades,
        ServiceArea serviceArea,
        Licence licence,
        Insurance insurance,
        String bio,
        Integer yearsExperience,
        Verification verification,
        int ratingCount,
        long ratingTotal,
        Instant updatedAt) {

    public ContractorProfile {
        trades = trades == null ? List.of() : List.copyOf(trades);
    }

    /** What a contractor who never saved their profile has. */
    public static ContractorProfile empty(UUID userId) {
        return new ContractorProfile(
                userId, null, List.of(), null, null, null, null, null, Verification.unverified(), 0, 0, null);
    }

    public ContractorProfile edited(ContractorProfileEdit edit, Verification newVerification) {
        return new ContractorProfile(
                userId,
                edit.businessName(),
                edit.trades(),
                edit.serviceArea(),
                edit.licence(),
                edit.insurance(),
                edit.bio(),
                edit.yearsExperience(),
                newVerification,
                ratingCount,
                ratingTotal,
                updatedAt);
    }

    public ContractorProfile withCredentials(Licence newLicence, Insurance newInsurance, Verification newVerification) {
        return new ContractorProfile(
                userId,
                businessName,
                trades,
                serviceArea,
                newLicence,
                newInsurance,
                bio,
                yearsExperience,
                newVerification,
                ratingCount,
                ratingTotal,
                updatedAt);
    }

    public ContractorProfile withVerification(Verification newVerification) {
        return withCredentials(licence, insurance, newVerification);
    }

    public boolean credentialsDifferFrom(Licence otherLicence, Insurance otherInsurance) {
        return !Objects.equals(licence, otherLicence) || !Objects.equals(insurance, otherInsurance);
    }

    /**
     * What bidding needs and this profile lacks: a business name, at least one trade, a service area, and a licence
     * and insurance that have not expired. Empty when the profile is complete.
     */
    public List<String> missingForBidding(LocalDate today) {
        List<String> missing = new ArrayList<>();
        if (businessName == null) {
            missing.add("businessName");
        }
        if (trades.isEmpty()) {
            missing.add("trades");
        }
        if (serviceArea == null) {
            missing.add("serviceArea");
        }
        if (licence == null || Credential.expired(licence.expiresOn(), today)) {
            missing.add("licence");
        }
        if (insurance == null || Credential.expired(insurance.expiresOn(), today)) {
            missing.add("insurance");
        }
        return missing;
    }

    /** The published reviews about the contractor: count and average (null before the first). */
    public RatingSummary rating() {
        return RatingSummary.of(ratingCount, ratingTotal);
    }

    /** Never prints the licence number or the bio. */
    @Override
    public String toString() {
        return "ContractorProfile[userId=" + userId + ", verification=" + verification.status() + "]";
    }
}
