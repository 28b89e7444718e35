package com.fairtradeworker.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain HTTP against the running service, so tests see exactly what a client sees (status, headers, raw body).
 */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Environment environment;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiClient(Environment environment) {
        this.environment = environment;
    }

    public Request get(String path) {
        return new Request("GET", path);
    }

    public Request post(String path) {
        return new Request("POST", path);
    }

    public Request options(String path) {
        return new Request("OPTIONS", path);
    }

    public Request put(String path) {
        return new Request("PUT", path);
    }

    public Request patch(String path) {
        return new Request("PATCH", path);
    }

    public Request delete(String path) {
        return new Request("DELETE", path);
    }

    public final class Request {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

        private Request(String method, String path) {
            this.method = method;
            this.path = path;
            // Every request comes from its own client address (through the trusted loopback "proxy"), so per-IP
            // limits never couple tests; a test about IP limits sets X-Forwarded-For itself.
            headers.put("X-Forwarded-For", randomClientIp());
        }

        private static String randomClientIp() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
        }

        public Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Request bearer(String accessToken) {
            return header("Authorization", "Bearer " + accessToken);
        }

        public Request json(String json) {
            headers.putIfAbsent("Content-Type", "application/json");
            body = HttpRequest.BodyPublishers.ofString(json);
            return this;
        }

        public Request body(String contentType, String text) {
            headers.put("Content-Type", contentType);
            body = HttpRequest.BodyPublishers.ofString(text);
            return this;
        }

        /** A body sent chunked, without a Content-Length, so only the streaming limit can stop it. */
        public Request chunkedBody(String contentType, byte[] bytes) {
            headers.put("Content-Type", contentType);
            body = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
            return this;
        }

        public Response send() {
            String port = environment.getRequiredProperty("local.server.port");
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, body);
            headers.forEach(builder::header);
            try {
                HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
                return new Response(response);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public record Response(HttpResponse<byte[]> raw) {
        public int status() {
            return raw.statusCode();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String body() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return JSON.readTree(body());
        }
    }
}
