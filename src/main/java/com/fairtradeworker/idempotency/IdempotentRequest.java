package com.fairtradeworker.idempotency;

import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One money-moving request as far as idempotency is concerned: who sent it, with which key, and what it asked for.
 * Building one checks the key, so an instance always carries a usable key.
 *
 * @param userId the signed-in caller; keys are unique per user
 * @param key the {@code Idempotency-Key} header: 1 to 255 printable ASCII characters
 * @param method POST, PUT, PATCH or DELETE
 * @param route the request path without the query string
 * @param body the parsed request body, or null when the request has none; compared by its canonical JSON
 */
public record IdempotentRequest(UUID userId, String key, String method, String route, Object body) {

    static final int MAX_KEY_LENGTH = 255;
    static final int MAX_ROUTE_LENGTH = 500;
    private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

    public IdempotentRequest {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(route, "route");
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("Idempotency-Key applies to POST, PUT, PATCH and DELETE, not " + method);
        }
        if (key == null || key.isBlank()) {
            throw new ProblemException(
                    ProblemType.IDEMPOTENCY_KEY_MISSING,
                    "This request moves money: send an Idempotency-Key header (for example a new random UUID per"
                            + " operation, reused for its retries) so that a retry cannot repeat it.");
        }
        if (key.length() > MAX_KEY_LENGTH || !printableAscii(key)) {
            String message = "must be 1 to 255 printable ASCII characters";
            throw new ProblemException(
                    ProblemType.VALIDATION_FAILED,
                    "The Idempotency-Key header " + message + ".",
                    Map.of("errors", List.of(Map.of("field", IdempotentRequests.KEY_HEADER, "message", message))));
        }
        if (route.isEmpty() || route.length() > MAX_ROUTE_LENGTH) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The request path is too long.");
        }
    }

    /**
     * The request being served: its method, and its path as the route (without the query string).
     *
     * @param key the raw {@code Idempotency-Key} header; null or blank is refused with 400 {@code
     *     idempotency-key-missing}, anything but 1 to 255 printable ASCII characters with 400 {@code validation-failed}
     * @param body the parsed request body, or null
     */
    public static IdempotentRequest of(UUID userId, String key, HttpServletRequest http, Object body) {
        return new IdempotentRequest(userId, key, http.getMethod(), http.getRequestURI(), body);
    }

    private static boolean printableAscii(String text) {
        return text.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    }
}
