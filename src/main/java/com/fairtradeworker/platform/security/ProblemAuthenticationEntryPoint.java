package com.fairtradeworker.platform.security;

import com.fairtradeworker.platform.web.ProblemWriter;
import com.fairtradeworker.platform.web.Problems;
import com.fairtradeworker.shared.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a request without valid credentials with a 401 problem (and the bearer challenge), or with 503 when the
 * credentials could not be checked because the session store is down: a token alone is never trusted.
 */
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private static final Logger log = LoggerFactory.getLogger(ProblemAuthenticationEntryPoint.class);

    private final ProblemWriter problems;

    ProblemAuthenticationEntryPoint(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (failure instanceof AuthenticationServiceException) {
            log.error("Could not check credentials: {}", failure.getMessage());
            response.setHeader("Retry-After", "5");
            problems.write(
                    request, response, Problems.of(ProblemType.SERVICE_UNAVAILABLE, "Please try again shortly."));
            return;
        }
        if (failure instanceof InvalidBearerTokenException) {
            log.info(
                    "Refused access token on {} {}: {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    failure.getMessage());
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            problems.write(
                    request, response, Problems.of(ProblemType.UNAUTHENTICATED, "The access token is not valid."));
            return;
        }
        response.setHeader("WWW-Authenticate", "Bearer");
        problems.write(request, response, Problems.of(ProblemType.UNAUTHENTICATED, "Sign in to use this route."));
    }
}
