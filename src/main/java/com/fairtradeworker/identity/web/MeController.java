package com.fairtradeworker.identity.web;

import com.fairtradeworker.identity.AuthenticatedUser;
import com.fairtradeworker.identity.Role;
import com.fairtradeworker.identity.account.EmailVerificationService;
import com.fairtradeworker.identity.account.PasswordService;
import com.fairtradeworker.identity.account.User;
import com.fairtradeworker.identity.account.UserRepository;
import com.fairtradeworker.identity.session.Session;
import com.fairtradeworker.identity.session.SessionStore;
import com.fairtradeworker.shared.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's own account: profile basics, sessions, password and e-mail address. */
@RestController
@RequestMapping("/api/me")
class MeController {

    private final UserRepository users;
    private final SessionStore sessions;
    private final PasswordService passwords;
    private final EmailVerificationService verification;

    MeController(
            UserRepository users,
            SessionStore sessions,
            PasswordService passwords,
            EmailVerificationService verification) {
        this.users = users;
        this.sessions = sessions;
        this.passwords = passwords;
        this.verification = verification;
    }

    record AccountResponse(
            UUID id,
            String email,
            String displayName,
            String phone,
            Role role,
            boolean emailVerified,
            Instant createdAt) {

        static AccountResponse of(User user) {
            return new AccountResponse(
                    user.id(),
                    user.email(),
                    user.displayName(),
                    user.phone(),
                    user.role(),
                    user.emailVerified(),
                    user.createdAt());
        }
    }

    record SessionResponse(
            String id, Instant createdAt, Instant lastSeenAt, String ip, String userAgent, boolean current) {}

    record PasswordChange(
            @NotNull @Size(max = 1024) String currentPassword,
            @NotNull @Size(max = 1024) String newPassword) {
        @Override
        public String toString() {
            return "PasswordChange[redacted]";
        }
    }

    record EmailChange(
            @NotBlank @Email @Size(max = 254) String newEmail,
            @NotNull @Size(max = 1024) String currentPassword) {
        @Override
        public String toString() {
            return "EmailChange[redacted]";
        }
    }

    @Operation(summary = "My account", description = "Any signed-in user.")
    @GetMapping
    AccountResponse me(@AuthenticationPrincipal AuthenticatedUser user) {
        return users.findById(user.userId()).map(AccountResponse::of).orElseThrow(() -> new NotFoundException("user"));
    }

    @Operation(summary = "My sessions (devices)", description = "Any signed-in user; only their own sessions.")
    @GetMapping("/sessions")
    List<SessionResponse> sessions(@AuthenticationPrincipal AuthenticatedUser user) {
        return sessions.list(user.userId()).stream()
                .map(session -> new SessionResponse(
                        session.id(),
                        session.createdAt(),
                        session.lastSeenAt(),
                        session.ip(),
                        session.userAgent(),
                        session.id().equals(user.sessionId())))
                .toList();
    }

    @Operation(summary = "End one of my sessions", description = "Any signed-in user; another user's session is 404.")
    @DeleteMapping("/sessions/{sessionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable String sessionId) {
        Session session = sessions.find(sessionId)
                .filter(found -> found.userId().equals(user.userId()))
                .orElseThrow(() -> new NotFoundException("session"));
        sessions.revoke(user.userId(), session.id());
    }

    @Operation(summary = "End all my sessions (sign out everywhere)", description = "Any signed-in user.")
    @DeleteMapping("/sessions")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeAll(@AuthenticationPrincipal AuthenticatedUser user) {
        sessions.revokeAll(user.userId(), null);
    }

    @Operation(
            summary = "Change my password",
            description = "Any signed-in user; needs the current password and ends" + " the other sessions.")
    @PutMapping("/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changePassword(@AuthenticationPrincipal AuthenticatedUser user, @Valid @RequestBody PasswordChange change) {
        passwords.change(user.userId(), user.sessionId(), change.currentPassword(), change.newPassword());
    }

    @Operation(
            summary = "Send a new verification link",
            description = "Any signed-in user with an unverified address;" + " throttled.")
    @PostMapping("/email-verification")
    ResponseEntity<Map<String, String>> resendVerification(@AuthenticationPrincipal AuthenticatedUser user) {
        verification.resend(user.userId());
        return ResponseEntity.accepted().body(Map.of("status", "A new link is on its way."));
    }

    @Operation(
            summary = "Change my e-mail address",
            description = "Any signed-in user; needs the current password. The"
                    + " new address must be confirmed; the old one is told.")
    @PostMapping("/email")
    ResponseEntity<Map<String, String>> changeEmail(
            @AuthenticationPrincipal AuthenticatedUser user, @Valid @RequestBody EmailChange change) {
        verification.requestChange(user.userId(), change.newEmail(), change.currentPassword());
        return ResponseEntity.accepted().body(Map.of("status", "Confirm the new address with the link we sent to it."));
    }
}
