package com.fairtradeworker.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SHA-256 over a request's method, route and the canonical JSON of its body (object properties sorted by name at every
 * depth), so the same request hashes the same however its body was written. A request without a body hashes as an
 * empty body.
 */
final class RequestFingerprint {

    private final JsonMapper json;

    RequestFingerprint(JsonMapper json) {
        this.json = json;
    }

    byte[] of(IdempotentRequest request) {
        MessageDigest sha256 = sha256();
        // NUL separates the parts: it appears in neither a method nor a request path.
        sha256.update(request.method().getBytes(StandardCharsets.US_ASCII));
        sha256.update((byte) 0);
        sha256.update(request.route().getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(canonicalBody(request.body()));
        return sha256.digest();
    }

    byte[] canonicalBody(Object body) {
        if (body == null) {
            return new byte[0];
        }
        return json.writeValueAsBytes(canonical(json.valueToTree(body)));
    }

    private JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(property -> sorted.put(property.getKey(), canonical(property.getValue())));
            ObjectNode object = json.createObjectNode();
            sorted.forEach(object::set);
            return object;
        }
        if (node.isArray()) {
            ArrayNode array = json.createArrayNode();
            node.forEach(element -> array.add(canonical(element)));
            return array;
        }
        return node;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
