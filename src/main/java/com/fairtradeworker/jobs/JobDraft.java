package com.fairtradeworker.jobs;

import com.fairtradeworker.shared.Money;
import java.time.Instant;
import java.time.LocalDate;

/** The fields a homeowner writes, for creating and editing a job. Validated by the request and the service. */
record JobDraft(
        String title,
        String description,
        String trade,
        double latitude,
        double longitude,
        String addressText,
        String postcode,
        Money budgetMin,
        Money budgetMax,
        Instant biddingDeadline,
        LocalDate desiredStartDate) {}
