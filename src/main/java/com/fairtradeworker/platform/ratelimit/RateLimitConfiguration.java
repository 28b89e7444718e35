package com.fairtradeworker.platform.ratelimit;

import com.fairtradeworker.platform.AttemptLimiter;
import com.fairtradeworker.platform.redis.RedisUrl;
import com.fairtradeworker.platform.web.ProblemWriter;
import java.time.Clock;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The brute-force limit for sensitive actions and the general limit on every API route, both counted in Redis. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean
    RateLimitRedisTarget rateLimitRedisTarget(RedisUrl redisUrl) {
        return new RateLimitRedisTarget(redisUrl);
    }

    @Bean(destroyMethod = "close")
    RedisBuckets rateLimitBuckets(RateLimitRedisTarget target, RateLimitProperties properties, Clock clock) {
        return new RedisBuckets(
                target.url(), properties.keyPrefix(), properties.redisTimeout(), new ClockTimeMeter(clock));
    }

    @Bean
    AttemptLimiter attemptLimiter(RedisBuckets rateLimitBuckets) {
        return new RedisAttemptLimiter(rateLimitBuckets);
    }

    /** Just after Spring Security (the body limit is +1), so the signed-in user is known. */
    @Bean
    FilterRegistrationBean<ApiRateLimitFilter> apiRateLimitFilter(
            RedisBuckets rateLimitBuckets, RateLimitProperties properties, ProblemWriter problemWriter) {
        ApiQuota quota = new ApiQuota(
                "api", properties.api().capacity(), properties.api().period());
        var registration = new FilterRegistrationBean<>(new ApiRateLimitFilter(rateLimitBuckets, quota, problemWriter));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 2);
        return registration;
    }
}
