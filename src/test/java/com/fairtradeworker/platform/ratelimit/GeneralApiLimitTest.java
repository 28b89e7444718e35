package com.fairtradeworker.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.platform.web.ProblemWriter;
import com.fairtradeworker.shared.ProblemType;
import com.fairtradeworker.support.ApiClient;
import com.fairtradeworker.support.ApiClient.Response;
import com.fairtradeworker.support.IntegrationTest;
import com.fairtradeworker.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** The general limit on every API route: RateLimit headers on every answer, 429 with Retry-After once used up. */
@IntegrationTest
class GeneralApiLimitTest {

    private static final Pattern API_STATE = Pattern.compile("^\"api\";r=(\\d+);t=(\\d+)$");

    @Autowired
    ApiClient api;

    @Autowired
    MutableClock clock;

    @Autowired
    RateLimitProperties properties;

    @Autowired
    RedisBuckets rateLimitBuckets;

    @Autowired
    ProblemWriter problemWriter;

    @AfterEach
    void releaseTheClockAndTheUser() {
        clock.reset();
        SecurityContextHolder.clearContext();
    }

    @Test
    void everyApiAnswerCarriesThePolicyAndTheRemainingQuota() {
        clock.pinAt(Instant.now()); // the suite's huge quota refills thousands of requests a second otherwise
        String ip = newIp();

        Response first = probe(ip);
        Response second = probe(ip);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("RateLimit-Policy"))
                .isEqualTo("\"api\";q=" + properties.api().capacity() + ";w="
                        + properties.api().period().toSeconds());
        long remainingAfterFirst = remaining(first);
        assertThat(remainingAfterFirst).isEqualTo(properties.api().capacity() - 1);
        assertThat(remaining(second)).isEqualTo(remainingAfterFirst - 1);
    }

    @Test
    void aUsedUpQuotaIsAnsweredWith429RetryAfterAndAProblem() {
        clock.pinAt(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        String ip = newIp();
        for (int i = 1; i <= RateLimitProbeRoutes.PROBE_QUOTA.capacity(); i++) {
            assertThat(limited(ip).status()).as("request %d", i).isEqualTo(200);
        }

        Response refused = limited(ip);

        assertThat(refused.status()).isEqualTo(429);
        // 3 per minute, refilled gradually: one request is possible again after 20 s, the whole quota after 60 s.
        assertThat(refused.header("Retry-After")).isEqualTo("20");
        assertThat(refused.raw().headers().allValues("RateLimit")).contains("\"probe\";r=0;t=60");
        assertThat(refused.raw().headers().allValues("RateLimit-Policy")).contains("\"probe\";q=3;w=60");
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asString())
                .isEqualTo(ProblemType.RATE_LIMITED.type().toString());
        assertThat(refused.json().get("requestId").asString()).isEqualTo(refused.header("X-Request-Id"));
        assertThat(refused.header("X-Content-Type-Options")).isEqualTo("nosniff");

        assertThat(limited(newIp()).status()).as("another client").isEqualTo(200);
        clock.advance(Duration.ofSeconds(20));
        assertThat(limited(ip).status()).as("after Retry-After").isEqualTo(200);
    }

    @Test
    void aSignedInUserHasOneQuotaWhateverTheirIp() throws Exception {
        ApiQuota twoPerMinute = new ApiQuota("user-probe", 2, Duration.ofMinutes(1));
        ApiRateLimitFilter filter = new ApiRateLimitFilter(rateLimitBuckets, twoPerMinute, problemWriter);
        String user = "user-" + ThreadLocalRandom.current().nextLong();
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, List.of()));

        assertThat(filterFrom(filter, newIp()).getStatus()).isEqualTo(200);
        assertThat(filterFrom(filter, newIp()).getStatus()).isEqualTo(200);
        MockHttpServletResponse refused = filterFrom(filter, newIp());

        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isNotBlank();

        SecurityContextHolder.clearContext();
        assertThat(filterFrom(filter, newIp()).getStatus())
                .as("anonymous requests count per IP")
                .isEqualTo(200);
    }

    private static MockHttpServletResponse filterFrom(ApiRateLimitFilter filter, String ip) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/anything");
        request.setRemoteAddr(ip);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    private Response probe(String ip) {
        return api.post("/api/test-probe")
                .header("X-Forwarded-For", ip)
                .json("{\"name\":\"a\",\"amountMinor\":1}")
                .send();
    }

    private Response limited(String ip) {
        return api.get(RateLimitProbeRoutes.LIMITED)
                .header("X-Forwarded-For", ip)
                .send();
    }

    private static long remaining(Response response) {
        Matcher state = API_STATE.matcher(String.valueOf(response.header("RateLimit")));
        assertThat(state.matches())
                .as("RateLimit: %s", response.header("RateLimit"))
                .isTrue();
        return Long.parseLong(state.group(1));
    }

    private static String newIp() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }
}
