package com.fairtradeworker.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Twilio adapter against a local stand-in: the request it makes, and how it classifies Twilio's answers. */
class TwilioSmsTransportTest {

    private static final String SID = "AC0000000000000000000000000000000a";
    private static final String PATH = "/2010-04-01/Accounts/" + SID + "/Messages.json";
    private static WireMockServer twilio;

    private TwilioSmsTransport transport;

    @BeforeAll
    static void start() {
        twilio = new WireMockServer(
                options().bindAddress("127.0.0.1").dynamicPort().notifier(new ConsoleNotifier(false)));
        twilio.start();
    }

    @AfterAll
    static void stop() {
        twilio.stop();
    }

    @BeforeEach
    void reset() {
        twilio.resetAll();
        transport = new TwilioSmsTransport(new TwilioSettings(SID, "secret-token", "+15005550006", twilio.baseUrl()));
    }

    @Test
    void postsTheFormWithBasicAuthToTheMessagesResource() {
        twilio.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(201)));

        transport.send(new DeliverableSms(UUID.randomUUID(), "+15551234567", "Code 123456 & more: ü"));

        twilio.verify(postRequestedFor(urlPathEqualTo(PATH))
                .withHeader(
                        "Authorization",
                        equalTo("Basic QUMwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwYTpzZWNyZXQtdG9rZW4="))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded; charset=UTF-8"))
                .withRequestBody(equalTo("To=%2B15551234567&From=%2B15005550006&Body=Code+123456+%26+more%3A+%C3%BC")));
    }

    @Test
    void serverErrorsAndThrottlingAreRetriable() {
        twilio.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> transport.send(sms()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Twilio answered 503");

        twilio.stubFor(post(urlPathEqualTo(PATH))
                .willReturn(aResponse().withStatus(429).withBody("{\"code\": 20429}")));
        assertThatThrownBy(() -> transport.send(sms()))
                .isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(UndeliverableException.class)
                .hasMessage("Twilio answered 429 (error 20429)");
    }

    @Test
    void aRefusedNumberIsUndeliverableAndTheErrorNeverQuotesIt() {
        twilio.stubFor(post(urlPathEqualTo(PATH))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withBody("{\"code\": 21211, \"message\": \"The 'To' number +15551234567 is not valid\"}")));

        assertThatThrownBy(() -> transport.send(sms()))
                .isInstanceOf(UndeliverableException.class)
                .hasMessage("Twilio answered 400 (error 21211)");
    }

    @Test
    void anUnreachableTwilioIsRetriable() {
        TwilioSmsTransport nowhere =
                new TwilioSmsTransport(new TwilioSettings(SID, "secret-token", "+15005550006", "http://127.0.0.1:1"));

        assertThatThrownBy(() -> nowhere.send(sms()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Twilio could not be reached");
    }

    @Test
    void withoutTwilioDevelopmentLogsAndProductionRefuses() {
        assertThat(SmsTransportConfiguration.select(
                        new TwilioSettings(null, null, null, "https://api.twilio.com"), "development"))
                .isInstanceOf(DevelopmentLogSmsTransport.class);
        assertThatThrownBy(() -> SmsTransportConfiguration.select(
                        new TwilioSettings(null, " ", null, "https://api.twilio.com"), "production"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TWILIO_ACCOUNT_SID");
        assertThatThrownBy(() -> SmsTransportConfiguration.select(
                        new TwilioSettings(SID, null, null, "https://api.twilio.com"), "development"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("all of");
    }

    private static DeliverableSms sms() {
        return new DeliverableSms(UUID.randomUUID(), "+15551234567", "Hello");
    }
}
