package com.fairtradeworker.bidding;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The platform fee rate in force, in basis points (500 = 5%). A bid is stamped with the rate in force when it is
 * submitted; changing this value affects only later bids.
 */
@Validated
@ConfigurationProperties("app.fees")
record FeeSettings(@DefaultValue("500") @Min(0) @Max(10_000) int rateBps) {}
