package com.fairtradeworker.platform.web;

import com.fairtradeworker.shared.RequestMetadata;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is well-formed, a new UUID otherwise. The id is
 * echoed in the response, put on every log line (MDC {@code requestId}) and into problem responses and audit rows.
 */
public class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final Pattern WELL_FORMED = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$");
    private static final int MAX_USER_AGENT = 512;

    private final ClientIpResolver clientIpResolver;

    public RequestIdFilter(ClientIpResolver clientIpResolver) {
        this.clientIpResolver = clientIpResolver;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequestMetadata metadata = (RequestMetadata) request.getAttribute(RequestMetadata.ATTRIBUTE);
        if (metadata == null) { // an error dispatch keeps the metadata of its original request
            metadata =
                    new RequestMetadata(requestIdOf(request), clientIpResolver.resolve(request), userAgentOf(request));
            request.setAttribute(RequestMetadata.ATTRIBUTE, metadata);
        }
        String requestId = metadata.requestId();
        response.setHeader(HEADER, requestId);
        MDC.put(MDC_KEY, requestId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false; // the error page runs on the same thread and must log with the same id
    }

    static String requestIdOf(HttpServletRequest request) {
        String offered = request.getHeader(HEADER);
        return offered != null && WELL_FORMED.matcher(offered).matches()
                ? offered
                : UUID.randomUUID().toString();
    }

    private static String userAgentOf(HttpServletRequest request) {
        String agent = request.getHeader("User-Agent");
        return agent == null || agent.length() <= MAX_USER_AGENT ? agent : agent.substring(0, MAX_USER_AGENT);
    }
}
