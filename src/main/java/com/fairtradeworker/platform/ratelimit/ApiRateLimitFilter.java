package com.fairtradeworker.platform.ratelimit;

import com.fairtradeworker.platform.web.ProblemWriter;
import com.fairtradeworker.platform.web.Problems;
import com.fairtradeworker.shared.ProblemType;
import com.fairtradeworker.shared.RequestMetadata;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The general API limit: a quota per signed-in user (whatever their IP) or, when anonymous, per client network. Runs
 * just after Spring Security, so the user is known and refused requests still carry the security headers.
 *
 * <p>Fails open: when Redis is unreachable the request passes without RateLimit headers and a warning is logged (at
 * most once a minute). This limit protects capacity, and refusing every request during a Redis outage would turn it
 * into a full outage. The brute-force limit ({@link RedisAttemptLimiter}) protects accounts and fails closed instead.
 */
final class ApiRateLimitFilter extends OncePerRequestFilter {

    static final String POLICY_HEADER = "RateLimit-Policy";
    static final String STATE_HEADER = "RateLimit";

    private static final ThrottledWarning STORE_UNREACHABLE =
            new ThrottledWarning(LoggerFactory.getLogger(ApiRateLimitFilter.class), Duration.ofMinutes(1));

    private final RedisBuckets buckets;
    private final ApiQuota quota;
    private final BucketConfiguration bucket;
    private final ProblemWriter problemWriter;

    ApiRateLimitFilter(RedisBuckets buckets, ApiQuota quota, ProblemWriter problemWriter) {
        this.buckets = buckets;
        this.quota = quota;
        this.bucket = quota.bucket();
        this.problemWriter = problemWriter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ConsumptionProbe probe;
        try {
            probe = buckets.tryConsume("api:" + quota.name() + ":" + subjectOf(request), bucket);
        } catch (RateLimitStoreUnavailableException e) {
            STORE_UNREACHABLE.warn(
                    "API rate limit skipped (failing open) while its store is unreachable: {}", e.getMessage());
            chain.doFilter(request, response);
            return;
        }
        // Several quotas may apply to one route: each adds its own field line, which HTTP combines into one list.
        response.addHeader(POLICY_HEADER, quota.policyHeader());
        response.addHeader(
                STATE_HEADER,
                quota.stateHeader(probe.getRemainingTokens(), RetryAfter.seconds(probe.getNanosToWaitForReset())));
        if (!probe.isConsumed()) {
            long retryAfter = RetryAfter.seconds(probe.getNanosToWaitForRefill());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
            problemWriter.write(
                    request,
                    response,
                    Problems.of(
                            ProblemType.RATE_LIMITED, "Too many requests. Try again in " + retryAfter + " seconds."));
            return;
        }
        chain.doFilter(request, response);
    }

    private static String subjectOf(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null
                && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            return "user:" + KeyDigest.sha256(authentication.getName());
        }
        RequestMetadata metadata = (RequestMetadata) request.getAttribute(RequestMetadata.ATTRIBUTE);
        String clientIp = metadata != null ? metadata.clientIp() : request.getRemoteAddr();
        return "ip:" + ClientNetwork.of(clientIp);
    }
}
