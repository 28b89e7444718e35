package com.fairtradeworker.notifications.web;

import com.fairtradeworker.identity.AuthenticatedUser;
import com.fairtradeworker.notifications.GroupPreference;
import com.fairtradeworker.notifications.NotificationGroup;
import com.fairtradeworker.notifications.NotificationPreferences;
import com.fairtradeworker.notifications.PhoneVerification;
import com.fairtradeworker.notifications.PhoneVerification.CodeSent;
import com.fairtradeworker.notifications.PhoneVerification.PhoneStatus;
import com.fairtradeworker.notifications.PreferenceChange;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's notification preferences and phone verification. */
@RestController
@RequestMapping("/api/me")
class NotificationController {

    static final String ALWAYS_SENT = "Account and security messages (address verification, password reset, e-mail"
            + " change, phone codes) are always sent and cannot be switched off.";

    private final NotificationPreferences preferences;
    private final PhoneVerification phones;

    NotificationController(NotificationPreferences preferences, PhoneVerification phones) {
        this.preferences = preferences;
        this.phones = phones;
    }

    record GroupResponse(NotificationGroup group, String description, boolean email, boolean sms) {
        static GroupResponse of(GroupPreference preference) {
            return new GroupResponse(
                    preference.group(), preference.group().description(), preference.email(), preference.sms());
        }
    }

    /** {@code sms} in a group is what the user chose; SMS reach them only while {@code phone.verified}. */
    record PreferencesResponse(List<GroupResponse> groups, PhoneResponse phone, String alwaysSent) {}

    record PhoneResponse(String number, boolean verified) {
        static PhoneResponse of(PhoneStatus status) {
            return new PhoneResponse(status.maskedPhone(), status.verified());
        }
    }

    record GroupChange(@NotNull NotificationGroup group, Boolean email, Boolean sms) {}

    record PreferencesUpdate(@NotNull @Size(max = 20) List<@NotNull @Valid GroupChange> groups) {}

    record CodeSentResponse(String sentTo, Instant expiresAt) {
        static CodeSentResponse of(CodeSent sent) {
            return new CodeSentResponse(sent.maskedPhone(), sent.expiresAt());
        }
    }

    record CodeConfirmation(
            @NotNull @Pattern(regexp = "^[0-9]{6}$", message = "must be six digits")
            String code) {
        @Override
        public String toString() {
            return "CodeConfirmation[redacted]";
        }
    }

    @Operation(
            summary = "My notification preferences",
            description = "Any signed-in user; their own. Per group, whether it arrives by e-mail and by SMS (SMS only"
                    + " to a verified phone). Account and security messages are always sent.")
    @GetMapping("/notification-preferences")
    PreferencesResponse preferences(@AuthenticationPrincipal AuthenticatedUser user) {
        return response(user.userId(), preferences.of(user.userId()));
    }

    @Operation(
            summary = "Change my notification preferences",
            description = "Any signed-in user; their own. Lists only the groups to change; a channel left out or null"
                    + " stays as it is. Answers with every group.")
    @PutMapping("/notification-preferences")
    PreferencesResponse update(
            @AuthenticationPrincipal AuthenticatedUser user, @Valid @RequestBody PreferencesUpdate update) {
        List<PreferenceChange> changes = update.groups().stream()
                .map(change -> new PreferenceChange(change.group(), change.email(), change.sms()))
                .toList();
        return response(user.userId(), preferences.update(user.userId(), changes));
    }

    @Operation(
            summary = "Send a code to verify my phone number",
            description = "Any signed-in user. Sends a six-digit code by SMS to the phone number on the account (set it"
                    + " in the profile first), valid for 10 minutes; once a minute at most, and within the sign-in"
                    + " attempt limits (429 beyond).")
    @PostMapping("/phone-verification")
    @ResponseStatus(HttpStatus.ACCEPTED)
    CodeSentResponse sendCode(@AuthenticationPrincipal AuthenticatedUser user) {
        return CodeSentResponse.of(phones.sendCode(user.userId()));
    }

    @Operation(
            summary = "Confirm my phone number with the code",
            description = "Any signed-in user. A wrong, expired or used-up code is refused (invalid-token); after five"
                    + " wrong codes a new one is needed. Answers with the phone's state.")
    @PostMapping("/phone-verification/confirm")
    PhoneResponse confirm(
            @AuthenticationPrincipal AuthenticatedUser user, @Valid @RequestBody CodeConfirmation confirmation) {
        phones.confirm(user.userId(), confirmation.code());
        return PhoneResponse.of(phones.status(user.userId()));
    }

    private PreferencesResponse response(UUID userId, List<GroupPreference> groups) {
        return new PreferencesResponse(
                groups.stream().map(GroupResponse::of).toList(), PhoneResponse.of(phones.status(userId)), ALWAYS_SENT);
    }
}
