package com.fairtradeworker.jobs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The job clocks and abuse limits (domain guide defaults). */
@ConfigurationProperties("app.jobs")
record JobSettings(
        @DefaultValue("1d") Duration minBiddingPeriod,
        @DefaultValue("30d") Duration maxBiddingPeriod,
        @DefaultValue("14d") Duration acceptanceWindow,
        @DefaultValue("20") int maxJobsPerDay) {}
