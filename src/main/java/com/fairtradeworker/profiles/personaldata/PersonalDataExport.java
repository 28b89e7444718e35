package com.fairtradeworker.profiles.personaldata;

import com.fairtradeworker.identity.AccountDetails;
import com.fairtradeworker.identity.SessionDetails;
import com.fairtradeworker.profiles.contractor.ContractorProfile;
import com.fairtradeworker.profiles.homeowner.HomeownerProfile;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Everything the platform holds about one user, as they download it: account, profiles, and the jobs, bids,
 * contracts, dispute statements and reviews they took part in or wrote, and their signed-in sessions.
 *
 * @param homeownerProfile null unless they saved one
 * @param contractorProfile null unless they saved one
 */
record PersonalDataExport(
        Instant exportedAt,
        AccountDetails account,
        HomeownerProfile homeownerProfile,
        ContractorProfile contractorProfile,
        JsonNode jobs,
        JsonNode bids,
        JsonNode contracts,
        JsonNode disputeStatements,
        JsonNode reviewsWritten,
        List<SessionDetails> sessions) {}
