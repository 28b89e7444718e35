package com.fairtradeworker.shared;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * The stable kinds of error the API answers with ({@code type} of an RFC 9457 problem). Clients may switch on the type;
 * its URI never changes once published.
 */
public enum ProblemType {
    VALIDATION_FAILED("validation-failed", HttpStatus.BAD_REQUEST, "Invalid request"),
    MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "Malformed request"),
    UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, "Authentication required"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Forbidden"),
    EMAIL_NOT_VERIFIED("email-not-verified", HttpStatus.FORBIDDEN, "E-mail address not verified"),
    ACCOUNT_DISABLED("account-disabled", HttpStatus.FORBIDDEN, "Account disabled"),
    INVALID_CREDENTIALS("invalid-credentials", HttpStatus.UNAUTHORIZED, "Invalid credentials"),
    INVALID_TOKEN("invalid-token", HttpStatus.BAD_REQUEST, "Invalid or expired token"),
    PROFILE_INCOMPLETE("profile-incomplete", HttpStatus.FORBIDDEN, "Profile incomplete"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    STATE_CONFLICT("state-conflict", HttpStatus.CONFLICT, "Conflict with the current state"),
    ALREADY_EXISTS("already-exists", HttpStatus.CONFLICT, "Already exists"),
    ACCOUNT_DELETION_BLOCKED("account-deletion-blocked", HttpStatus.CONFLICT, "Account cannot be deleted yet"),
    IDEMPOTENCY_KEY_MISSING("idempotency-key-missing", HttpStatus.BAD_REQUEST, "Idempotency-Key header required"),
    IDEMPOTENCY_KEY_REUSED(
            "idempotency-key-reused",
            HttpStatus.UNPROCESSABLE_CONTENT,
            "Idempotency-Key already used for a different request"),
    IDEMPOTENT_REQUEST_IN_PROGRESS(
            "idempotent-request-in-progress",
            HttpStatus.CONFLICT,
            "A request with this Idempotency-Key is still being processed"),
    PAYMENT_FAILED("payment-failed", HttpStatus.PAYMENT_REQUIRED, "Payment failed"),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
    SERVICE_UNAVAILABLE("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service temporarily unavailable"),
    INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    private static final String BASE = "https://fairtradeworker.com/problems/";

    private final URI type;
    private final HttpStatus status;
    private final String title;

    ProblemType(String slug, HttpStatus status, String title) {
        this.type = URI.create(BASE + slug);
        this.status = status;
        this.title = title;
    }

    public URI type() {
        return type;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    private boolean generic() {
        return this == VALIDATION_FAILED
                || this == UNAUTHENTICATED
                || this == FORBIDDEN
                || this == NOT_FOUND
                || this == METHOD_NOT_ALLOWED
                || this == NOT_ACCEPTABLE
                || this == STATE_CONFLICT
                || this == PAYLOAD_TOO_LARGE
                || this == UNSUPPORTED_MEDIA_TYPE
                || this == RATE_LIMITED
                || this == SERVICE_UNAVAILABLE
                || this == INTERNAL_ERROR;
    }

    /** The generic type for a status code that no more specific type describes. */
    public static ProblemType forStatus(int status) {
        for (ProblemType candidate : values()) {
            if (candidate.status.value() == status && candidate.generic()) {
                return candidate;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : MALFORMED_REQUEST;
    }
}
