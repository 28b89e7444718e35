package com.fairtradeworker.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.protocol.Request;
import io.sentry.protocol.User;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PersonalDataScrubberTest {

    @Test
    void keepsOnlyTheUserIdAndHarmlessHeaders() {
        SentryEvent event = new SentryEvent();
        Request request = new Request();
        request.setHeaders(Map.of("Authorization", "Bearer abc", "Cookie", "session=1", "User-Agent", "curl/8"));
        request.setCookies("session=1");
        request.setData("{\"password\":\"x\"}");
        request.setQueryString("token=abc");
        event.setRequest(request);
        User user = new User();
        user.setId("7f0c");
        user.setEmail("someone@example.com");
        user.setIpAddress("203.0.113.9");
        user.setUsername("Someone");
        event.setUser(user);

        SentryEvent scrubbed = new PersonalDataScrubber().execute(event, new Hint());

        assertThat(scrubbed.getRequest().getHeaders()).containsOnlyKeys("User-Agent");
        assertThat(scrubbed.getRequest().getCookies()).isNull();
        assertThat(scrubbed.getRequest().getData()).isNull();
        assertThat(scrubbed.getRequest().getQueryString()).isNull();
        assertThat(scrubbed.getUser().getId()).isEqualTo("7f0c");
        assertThat(scrubbed.getUser().getEmail()).isNull();
        assertThat(scrubbed.getUser().getIpAddress()).isNull();
        assertThat(scrubbed.getUser().getUsername()).isNull();
    }
}
