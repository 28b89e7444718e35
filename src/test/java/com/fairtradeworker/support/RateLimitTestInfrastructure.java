package com.fairtradeworker.support;

import com.fairtradeworker.platform.ratelimit.RateLimitProbeRoutes;
import com.fairtradeworker.platform.ratelimit.RateLimitRedisTarget;
import com.fairtradeworker.platform.redis.RedisUrl;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * Routes the rate limits' Redis connection through a {@link TcpProxy} that tests can cut, to prove that an unreachable
 * Redis refuses sign-in attempts (503) rather than skipping the limit. Everything else keeps talking to Redis directly.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(RateLimitProbeRoutes.class)
public class RateLimitTestInfrastructure {

    @Bean(destroyMethod = "close")
    TcpProxy rateLimitRedisProxy(RedisUrl redisUrl) {
        return TcpProxy.start(redisUrl.host(), redisUrl.port());
    }

    @Bean
    @Primary
    RateLimitRedisTarget proxiedRateLimitRedisTarget(RedisUrl redisUrl, TcpProxy rateLimitRedisProxy) {
        return new RateLimitRedisTarget(new RedisUrl(
                "127.0.0.1",
                rateLimitRedisProxy.port(),
                redisUrl.database(),
                redisUrl.username(),
                redisUrl.password(),
                redisUrl.tls()));
    }
}
