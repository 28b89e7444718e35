package com.fairtradeworker.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ApiQuotaTest {

    private final ApiQuota quota = new ApiQuota("api", 300, Duration.ofMinutes(1));

    @Test
    void headersFollowTheIetfDraftsStructuredFields() {
        assertThat(quota.policyHeader()).isEqualTo("\"api\";q=300;w=60");
        assertThat(quota.stateHeader(42, 17)).isEqualTo("\"api\";r=42;t=17");
    }

    @Test
    void waitsRoundUpToWholeSecondsAndNeverAdvertiseZero() {
        assertThat(RetryAfter.seconds(1)).isEqualTo(1);
        assertThat(RetryAfter.seconds(20_000_000_000L)).isEqualTo(20);
        assertThat(RetryAfter.seconds(20_000_000_001L)).isEqualTo(21);
    }
}
