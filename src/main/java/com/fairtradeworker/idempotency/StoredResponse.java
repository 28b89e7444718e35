package com.fairtradeworker.idempotency;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * The response of a completed request as stored for replay: its status, its body as JSON text, and the headers worth
 * replaying. The first response is sent from this same text, so a replay is byte for byte what the first client got.
 */
record StoredResponse(int status, String body, Map<String, String> headers) {

    /** Headers a replay repeats; the rest (request ids, rate limits, security headers) belong to each response. */
    static final List<String> REPLAYED_HEADERS = List.of(HttpHeaders.LOCATION, HttpHeaders.CONTENT_TYPE);

    StoredResponse {
        headers = Map.copyOf(headers);
    }

    /** Serializes the action's response body with the application's JSON mapper. */
    static StoredResponse of(ResponseEntity<?> response, JsonMapper json) {
        Object body = response.getBody();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : REPLAYED_HEADERS) {
            String value = response.getHeaders().getFirst(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        if (body != null && !headers.containsKey(HttpHeaders.CONTENT_TYPE)) {
            MediaType type =
                    body instanceof ProblemDetail ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON;
            headers.put(HttpHeaders.CONTENT_TYPE, type.toString());
        }
        return new StoredResponse(
                response.getStatusCode().value(), body == null ? null : json.writeValueAsString(body), headers);
    }

    /** The response of the request that ran the action: the action's own headers, the stored body. */
    ResponseEntity<String> first(HttpHeaders actionHeaders) {
        HttpHeaders sent = new HttpHeaders();
        sent.addAll(actionHeaders);
        headers.forEach(sent::set);
        return ResponseEntity.status(status).headers(sent).body(body);
    }

    /** The same response again, marked as a replay. */
    ResponseEntity<String> replay() {
        HttpHeaders sent = new HttpHeaders();
        headers.forEach(sent::set);
        sent.set(IdempotentRequests.REPLAYED_HEADER, "true");
        return ResponseEntity.status(status).headers(sent).body(body);
    }
}
