package com.fairtradeworker.notifications;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where text messages go ({@code app.twilio.*}, from {@code TWILIO_ACCOUNT_SID}, {@code TWILIO_AUTH_TOKEN},
 * {@code TWILIO_PHONE_NUMBER}).
 *
 * @param phoneNumber the sender, in E.164 form
 * @param apiBaseUrl Twilio's API; tests point it at a local stand-in
 */
@ConfigurationProperties("app.twilio")
record TwilioSettings(
        String accountSid,
        String authToken,
        String phoneNumber,
        @DefaultValue("https://api.twilio.com") String apiBaseUrl) {

    /** All three credentials are set: SMS go through Twilio. */
    boolean configured() {
        return isSet(accountSid) && isSet(authToken) && isSet(phoneNumber);
    }

    /** Some but not all are set: almost certainly a deployment mistake, refused at start-up. */
    boolean partlyConfigured() {
        return !configured() && (isSet(accountSid) || isSet(authToken) || isSet(phoneNumber));
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return "TwilioSettings[accountSid=" + (isSet(accountSid) ? "<set>" : "<unset>") + ", authToken="
                + (isSet(authToken) ? "<set>" : "<unset>") + ", phoneNumber="
                + (isSet(phoneNumber) ? "<set>" : "<unset>") + ", apiBaseUrl=" + apiBaseUrl + "]";
    }
}
