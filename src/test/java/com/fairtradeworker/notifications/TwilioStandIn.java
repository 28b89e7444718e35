package com.fairtradeworker.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The suite's Twilio: WireMock on a loopback port, answering the Messages API with 201, and the application's real
 * Twilio adapter pointed at it (this bean takes precedence over the one the configuration chooses, which is the log
 * in tests). Picked up by component scanning, identically for every test class, so the suite keeps one context.
 * Tests use phone numbers of their own and read only the requests sent to them.
 */
@Configuration(proxyBeanMethods = false)
class TwilioStandIn {

    static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
    static final String AUTH_TOKEN = "test-twilio-auth-token";
    static final String FROM = "+15005550006";
    static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

    /** Started on first use, once per JVM. */
    private static final class Server {
        static final WireMockServer INSTANCE = start();

        private static WireMockServer start() {
            WireMockServer server = new WireMockServer(
                    options().bindAddress("127.0.0.1").dynamicPort().notifier(new ConsoleNotifier(false)));
            server.start();
            server.stubFor(post(urlPathEqualTo(MESSAGES_PATH))
                    .atPriority(10)
                    .willReturn(aResponse()
                            .withStatus(201)
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"sid\": \"SM00000000000000000000000000000001\", \"status\": \"queued\"}")));
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "twilio-stand-in-stop"));
            return server;
        }
    }

    static WireMockServer server() {
        return Server.INSTANCE;
    }

    static TwilioSettings settings() {
        return new TwilioSettings(ACCOUNT_SID, AUTH_TOKEN, FROM, server().baseUrl());
    }

    @Bean
    @Primary
    SmsTransport twilioStandInTransport() {
        return new TwilioSmsTransport(settings());
    }

    /** Every Messages API request sent to this number so far, oldest first. */
    static List<LoggedRequest> requestsTo(String number) {
        return server().getAllServeEvents().stream()
                .map(event -> event.getRequest())
                .filter(request -> request.getUrl().startsWith(MESSAGES_PATH))
                .filter(request -> number.equals(form(request).get("To")))
                .sorted((left, right) -> left.getLoggedDate().compareTo(right.getLoggedDate()))
                .toList();
    }

    static Map<String, String> form(LoggedRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(
                        URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }
}
