package com.fairtradeworker.platform.web;

import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import com.fairtradeworker.shared.RateLimitedException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every exception into an RFC 9457 problem with a stable type. Client mistakes are logged quietly; only server
 * faults are logged as errors. No message from an exception reaches the client unless it was written for the client.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** Seconds a client should wait after a 503: dependencies such as Redis reconnect within about a second. */
    private static final long UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Object> handleProblem(ProblemException ex, WebRequest request) {
        ProblemDetail problem = Problems.of(ex.type(), ex.getMessage());
        ex.properties().forEach(problem::setProperty);
        HttpHeaders headers = new HttpHeaders();
        if (ex instanceof RateLimitedException limited) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
        } else if (ex.type() == ProblemType.SERVICE_UNAVAILABLE) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(UNAVAILABLE_RETRY_AFTER_SECONDS));
        }
        return handleExceptionInternal(ex, problem, headers, ex.type().status(), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
        log.error("Unhandled error", ex);
        ProblemDetail problem = Problems.of(ProblemType.INTERNAL_ERROR, "Something went wrong on our side.");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), ProblemType.INTERNAL_ERROR.status(), request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getAllErrors().stream()
                .map(error -> Map.of(
                        "field",
                        error instanceof FieldError field ? field.getField() : error.getObjectName(),
                        "message",
                        String.valueOf(error.getDefaultMessage())))
                .toList();
        return validationFailed(ex, errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> Map.of(
                                "field",
                                        String.valueOf(
                                                result.getMethodParameter().getParameterName()),
                                "message", String.valueOf(error.getDefaultMessage()))))
                .toList();
        return validationFailed(ex, errors, headers, request);
    }

    private ResponseEntity<Object> validationFailed(
            Exception ex, List<Map<String, String>> errors, HttpHeaders headers, WebRequest request) {
        ProblemDetail problem = Problems.of(ProblemType.VALIDATION_FAILED, "Some fields are invalid.");
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, headers, ProblemType.VALIDATION_FAILED.status(), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (causeOf(ex, RequestBodyTooLargeException.class) != null) {
            ProblemDetail problem = Problems.of(ProblemType.PAYLOAD_TOO_LARGE, "The request body is too large.");
            return handleExceptionInternal(ex, problem, headers, ProblemType.PAYLOAD_TOO_LARGE.status(), request);
        }
        ProblemDetail problem = Problems.of(ProblemType.MALFORMED_REQUEST, describeUnreadable(ex));
        return handleExceptionInternal(ex, problem, headers, ProblemType.MALFORMED_REQUEST.status(), request);
    }

    private static String describeUnreadable(HttpMessageNotReadableException ex) {
        UnrecognizedPropertyException unknown = causeOf(ex, UnrecognizedPropertyException.class);
        if (unknown != null) {
            return "Unknown field '" + unknown.getPropertyName() + "'.";
        }
        DatabindException binding = causeOf(ex, DatabindException.class);
        if (binding != null && !binding.getPath().isEmpty()) {
            return "Field '" + fieldPath(binding) + "' has a value of the wrong type or form.";
        }
        return "The request body is missing or is not valid JSON.";
    }

    private static String fieldPath(DatabindException ex) {
        StringBuilder path = new StringBuilder();
        for (var reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail : null;
        if (problem == null
                || problem.getType() == null
                || URI.create("about:blank").equals(problem.getType())) {
            ProblemType type = ProblemType.forStatus(statusCode.value());
            ProblemDetail typed = Problems.of(
                    type, problem != null && problem.getDetail() != null ? problem.getDetail() : type.title() + ".");
            if (problem != null && problem.getProperties() != null) {
                problem.getProperties().forEach(typed::setProperty);
            }
            problem = typed;
        }
        if (statusCode.is4xxClientError()) {
            log.debug("Client error {}: {}", statusCode.value(), ex.toString());
        }
        return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
    }

    private static <T extends Throwable> T causeOf(Throwable ex, Class<T> type) {
        for (Throwable current = ex; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
        }
        return null;
    }
}
