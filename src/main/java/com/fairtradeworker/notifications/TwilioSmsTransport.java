package com.fairtradeworker.notifications;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Sends through Twilio's Messages API: {@code POST /2010-04-01/Accounts/{sid}/Messages.json}, HTTP basic auth with
 * the account SID and auth token, form fields {@code To}, {@code From} and {@code Body}. A 201 means Twilio accepted
 * the message.
 *
 * <p>Failures are classified for the dispatcher: network errors, timeouts, 429 and 5xx are retried with backoff; any
 * other 4xx (an invalid or unreachable number, a rejected request) will not get better and fails the message at once.
 * Error descriptions carry the status and Twilio's error code only: Twilio's messages quote the number.
 */
final class TwilioSmsTransport implements SmsTransport {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final Pattern ERROR_CODE = Pattern.compile("\"code\"\\s*:\\s*(\\d{1,6})");

    private final HttpClient http;
    private final URI messagesUri;
    private final String authorization;
    private final String from;

    TwilioSmsTransport(TwilioSettings settings) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String base = settings.apiBaseUrl().replaceAll("/+$", "");
        this.messagesUri = URI.create(base + "/2010-04-01/Accounts/"
                + URLEncoder.encode(settings.accountSid(), StandardCharsets.UTF_8) + "/Messages.json");
        String credentials = settings.accountSid() + ":" + settings.authToken();
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        this.from = settings.phoneNumber();
    }

    @Override
    public void send(DeliverableSms sms) {
        HttpRequest request = HttpRequest.newBuilder(messagesUri)
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(sms)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // The exception's own message may quote the request; its type (timeout, refused connection) is enough.
            throw new IllegalStateException(
                    "Twilio could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending to Twilio");
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        String failure = "Twilio answered " + status + errorCode(response.body());
        if (status == 429 || status == 408 || status >= 500) {
            throw new IllegalStateException(failure);
        }
        throw new UndeliverableException(failure);
    }

    private String form(DeliverableSms sms) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("To", sms.to());
        fields.put("From", from);
        fields.put("Body", sms.body());
        return fields.entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String errorCode(String body) {
        Matcher code = ERROR_CODE.matcher(body == null ? "" : body);
        return code.find() ? " (error " + code.group(1) + ")" : "";
    }
}
