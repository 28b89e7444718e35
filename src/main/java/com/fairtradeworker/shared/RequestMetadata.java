package com.fairtradeworker.shared;

import java.util.Optional;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Who is asking, as far as the network tells: the request id, the client IP (through trusted proxies only) and the user
 * agent. Empty outside a web request (timers, event listeners).
 */
public record RequestMetadata(String requestId, String clientIp, String userAgent) {

    public static final String ATTRIBUTE = RequestMetadata.class.getName();

    public static Optional<RequestMetadata> current() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(
                (RequestMetadata) attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST));
    }
}
