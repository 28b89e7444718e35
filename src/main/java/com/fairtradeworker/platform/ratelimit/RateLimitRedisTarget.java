package com.fairtradeworker.platform.ratelimit;

import com.fairtradeworker.platform.redis.RedisUrl;

/**
 * The Redis server the rate limits talk to over their own connection: the application's Redis by default. A separate
 * bean so tests can route the limits through a TCP proxy and cut it, to show that an outage refuses instead of passing.
 */
public record RateLimitRedisTarget(RedisUrl url) {}
