package com.fairtradeworker.profiles;

import java.util.UUID;

/**
 * What a homeowner sees of a bidder beside the bid: the business, the verification badge and the rating so far.
 *
 * @param averageRating null until the contractor has a published review
 */
public record ContractorSummary(
        UUID contractorId, String businessName, boolean verified, int reviewCount, Double averageRating) {}
