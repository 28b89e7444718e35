package com.fairtradeworker.jobs;

import com.fairtradeworker.shared.Money;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A job as its viewer may see it. Summaries (anonymous visitors) carry a location rounded to about a kilometre and
 * only the postcode's area; status-only views carry the id and state alone. Absent fields are omitted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record JobResponse(
        UUID id,
        String status,
        String title,
        String description,
        String trade,
        Double latitude,
        Double longitude,
        String addressText,
        String postcode,
        Money budgetMin,
        Money budgetMax,
        Instant biddingDeadline,
        LocalDate desiredStartDate,
        Instant publishedAt,
        Double distanceKm,
        Boolean summary) {}
