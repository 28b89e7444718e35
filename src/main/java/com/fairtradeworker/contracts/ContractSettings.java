package com.fairtradeworker.contracts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The contract clocks (domain guide defaults). */
@ConfigurationProperties("app.contracts")
record ContractSettings(@DefaultValue("7d") Duration fundingWindow) {}
