package com.fairtradeworker.identity.web;

import com.fairtradeworker.identity.AuthenticatedUser;
import com.fairtradeworker.identity.Role;
import com.fairtradeworker.identity.account.EmailVerificationService;
import com.fairtradeworker.identity.account.PasswordService;
import com.fairtradeworker.identity.account.SignupService;
import com.fairtradeworker.identity.session.LoginService;
import com.fairtradeworker.identity.session.LoginService.SignedIn;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Sign-up, e-mail verification, sign-in, token refresh, sign-out and password reset. */
@RestController
@RequestMapping("/api/auth")
class AuthController {

    private final SignupService signups;
    private final EmailVerificationService verification;
    private final LoginService logins;
    private final PasswordService passwords;

    AuthController(
            SignupService signups,
            EmailVerificationService verification,
            LoginService logins,
            PasswordService passwords) {
        this.signups = signups;
        this.verification = verification;
        this.logins = logins;
        this.passwords = passwords;
    }

    /** The two roles anyone may sign up for; ADMIN is not among them. */
    enum AccountType {
        HOMEOWNER,
        CONTRACTOR
    }

    record SignupRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull @Size(max = 1024) String password,
            @NotBlank @Size(max = 100) String displayName,

            @Pattern(regexp = "^\\+[1-9][0-9]{6,14}$", message = "must be in E.164 form, such as +15551234567")
            String phone,

            @NotNull AccountType accountType) {
        @Override
        public String toString() {
            return "SignupRequest[accountType=" + accountType + "]";
        }
    }

    record TokenRequest(@NotBlank @Size(max = 200) String token) {}

    record LoginRequest(
            @NotBlank @Size(max = 254) String email,
            @NotNull @Size(max = 1024) String password) {
        @Override
        public String toString() {
            return "LoginRequest[redacted]";
        }
    }

    record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
        @Override
        public String toString() {
            return "RefreshRequest[redacted]";
        }
    }

    record ResetRequest(@NotBlank @Size(max = 254) String email) {}

    record ResetConfirmation(
            @NotBlank @Size(max = 200) String token,
            @NotNull @Size(max = 1024) String newPassword) {
        @Override
        public String toString() {
            return "ResetConfirmation[redacted]";
        }
    }

    record TokensResponse(
            String accessToken,
            String tokenType,
            long expiresIn,
            Instant accessTokenExpiresAt,
            String refreshToken,
            String sessionId,
            UUID userId,
            Role role,
            boolean emailVerified) {

        static TokensResponse of(SignedIn signedIn) {
            return new TokensResponse(
                    signedIn.accessToken().value(),
                    "Bearer",
                    signedIn.accessToken().expiresInSeconds(),
                    signedIn.accessToken().expiresAt(),
                    signedIn.session().refreshToken(),
                    signedIn.session().session().id(),
                    signedIn.user().id(),
                    signedIn.user().role(),
                    signedIn.user().emailVerified());
        }
    }

    @Operation(
            summary = "Create a homeowner or contractor account",
            description =
                    "Anyone. Answers 202 whether or not"
                            + " the address is registered; the address receives a verification link (or a note if it has an account).")
    @PostMapping("/signup")
    ResponseEntity<Map<String, String>> signUp(@Valid @RequestBody SignupRequest request) {
        signups.signUp(new SignupService.Signup(
                request.email(),
                request.password(),
                request.displayName(),
                request.phone(),
                Role.valueOf(request.accountType().name())));
        return ResponseEntity.accepted().body(Map.of("status", "Check your e-mail to confirm your address."));
    }

    @Operation(summary = "Confirm an e-mail address", description = "Anyone holding the link's token.")
    @PostMapping("/email-verification")
    Map<String, Boolean> confirmEmail(@Valid @RequestBody TokenRequest request) {
        verification.confirm(request.token());
        return Map.of("emailVerified", true);
    }

    @Operation(summary = "Sign in", description = "Anyone. At most 10 attempts per 15 minutes per account and per IP.")
    @PostMapping("/login")
    TokensResponse login(@Valid @RequestBody LoginRequest request) {
        return TokensResponse.of(logins.login(request.email(), request.password()));
    }

    @Operation(
            summary = "Exchange a refresh token for new tokens",
            description = "Anyone holding a refresh token."
                    + " Each refresh token works once; presenting a used one ends its session.")
    @PostMapping("/refresh")
    TokensResponse refresh(@Valid @RequestBody RefreshRequest request) {
        return TokensResponse.of(logins.refresh(request.refreshToken()));
    }

    @Operation(summary = "Sign out this session", description = "Any signed-in user.")
    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@AuthenticationPrincipal AuthenticatedUser user) {
        logins.logout(user.userId(), user.sessionId());
    }

    @Operation(
            summary = "Ask for a password reset link",
            description = "Anyone. Answers 202 whether or not the address"
                    + " has an account. At most 10 requests per 15 minutes per address and per IP.")
    @PostMapping("/password-reset")
    ResponseEntity<Map<String, String>> requestReset(@Valid @RequestBody ResetRequest request) {
        passwords.requestReset(request.email());
        return ResponseEntity.accepted()
                .body(Map.of("status", "If the address has an account, a reset link is on its way."));
    }

    @Operation(
            summary = "Choose a new password with a reset token",
            description = "Anyone holding the link's token." + " Ends every session of the account.")
    @PostMapping("/password-reset/confirmation")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void completeReset(@Valid @RequestBody ResetConfirmation request) {
        passwords.completeReset(request.token(), request.newPassword());
    }
}
