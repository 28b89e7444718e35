package com.fairtradeworker.platform.observability;

import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.Request;
import io.sentry.protocol.User;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Removes personal data and credentials from every event before it leaves for Sentry: bodies, cookies, query strings,
 * authorization and similar headers, and everything about the user but the opaque id.
 */
class PersonalDataScrubber implements SentryOptions.BeforeSendCallback {

    private static final Set<String> KEPT_HEADERS = Set.of("user-agent", "content-type", "accept", "x-request-id");

    @Override
    public SentryEvent execute(SentryEvent event, Hint hint) {
        Request request = event.getRequest();
        if (request != null) {
            request.setData(null);
            request.setCookies(null);
            request.setQueryString(null);
            request.setEnvs(null);
            if (request.getHeaders() != null) {
                request.setHeaders(keptHeaders(request.getHeaders()));
            }
        }
        User user = event.getUser();
        if (user != null) {
            User scrubbed = new User();
            scrubbed.setId(user.getId());
            event.setUser(scrubbed);
        }
        return event;
    }

    private static Map<String, String> keptHeaders(Map<String, String> headers) {
        return headers.entrySet().stream()
                .filter(header -> KEPT_HEADERS.contains(header.getKey().toLowerCase(java.util.Locale.ROOT)))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
