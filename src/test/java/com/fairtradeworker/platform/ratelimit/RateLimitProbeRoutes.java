package com.fairtradeworker.platform.ratelimit;

import com.fairtradeworker.platform.AttemptLimiter;
import com.fairtradeworker.platform.RouteAuthorizations;
import com.fairtradeworker.platform.web.ProblemWriter;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test-only routes for the rate limits, before any business route uses them: one guarded by the attempt limiter, one
 * under a low general quota ({@link #PROBE_QUOTA}) so exhausting it takes a handful of requests, not the suite's limit.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RateLimitProbeRoutes {

    static final String ATTEMPTS = "/api/test-rate-limit/attempts";
    static final String LIMITED = "/api/test-rate-limit/limited";
    static final String ATTEMPT_ACTION = "test-attempt";
    static final ApiQuota PROBE_QUOTA = new ApiQuota("probe", 3, Duration.ofMinutes(1));

    @Bean
    RouteAuthorizations rateLimitProbeRouteAuthorizations() {
        return routes -> routes.requestMatchers("/api/test-rate-limit/**").permitAll();
    }

    @Bean
    FilterRegistrationBean<ApiRateLimitFilter> probeRateLimitFilter(
            RedisBuckets rateLimitBuckets, ProblemWriter problemWriter) {
        var registration =
                new FilterRegistrationBean<>(new ApiRateLimitFilter(rateLimitBuckets, PROBE_QUOTA, problemWriter));
        registration.addUrlPatterns(LIMITED);
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 3);
        return registration;
    }

    /**
     * Registered as a member of this configuration, so only where it is imported; scanning skips it because it is
     * nested in a test configuration.
     */
    @RestController
    @RequestMapping("/api/test-rate-limit")
    static class RateLimitProbeController {

        record AttemptRequest(String account) {}

        private final AttemptLimiter attemptLimiter;

        RateLimitProbeController(AttemptLimiter attemptLimiter) {
            this.attemptLimiter = attemptLimiter;
        }

        @PostMapping("/attempts")
        @ResponseStatus(HttpStatus.NO_CONTENT)
        void attempt(@RequestBody AttemptRequest request) {
            attemptLimiter.checkAndConsume(ATTEMPT_ACTION, request.account());
        }

        @GetMapping("/limited")
        Map<String, Object> limited() {
            return Map.of("passed", true);
        }
    }
}
