package com.fairtradeworker.identity.session;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Lifetimes of access tokens and sessions, and the Redis key prefix. */
@ConfigurationProperties("app.sessions")
public record SessionSettings(
        @DefaultValue("15m") Duration accessTokenLifetime,
        @DefaultValue("30d") Duration refreshTokenLifetime,
        @DefaultValue("1m") Duration lastSeenResolution,
        @DefaultValue("ftw:") String keyPrefix) {}
