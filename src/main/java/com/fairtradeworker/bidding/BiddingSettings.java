package com.fairtradeworker.bidding;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Abuse limits on bidding: bids a contractor may place in any 24 hours, and revisions one bid may go through (each is
 * kept, so an endless stream would grow the homeowner's history without bound).
 */
@Validated
@ConfigurationProperties("app.bidding")
record BiddingSettings(
        @DefaultValue("50") @Min(1) int maxBidsPerDay,
        @DefaultValue("50") @Min(1) @Max(1000) int maxRevisionsPerBid) {}
