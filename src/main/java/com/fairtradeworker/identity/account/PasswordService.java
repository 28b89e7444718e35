package com.fairtradeworker.identity.account;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.identity.account.PasswordResetRepository.Reset;
import com.fairtradeworker.identity.password.PasswordHasher;
import com.fairtradeworker.identity.session.SessionStore;
import com.fairtradeworker.identity.token.OneTimeToken;
import com.fairtradeworker.platform.AttemptLimiter;
import com.fairtradeworker.shared.NotFoundException;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import com.fairtradeworker.shared.RequestMetadata;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Password reset by e-mail and password change while signed in. A request for reset answers the same, after the same
 * work, whether or not the address has an account. Any new password ends the other sessions and is announced by mail.
 */
@Service
public class PasswordService {

    private final UserRepository users;
    private final PasswordResetRepository resets;
    private final PasswordRules passwordRules;
    private final PasswordHasher hasher;
    private final SessionStore sessions;
    private final IdentityMails mails;
    private final AttemptLimiter attempts;
    private final IdentitySettings settings;
    private final AuditLog audit;
    private final Clock clock;

    PasswordService(
            UserRepository users,
            PasswordResetRepository resets,
            PasswordRules passwordRules,
            PasswordHasher hasher,
            SessionStore sessions,
            IdentityMails mails,
            AttemptLimiter attempts,
            IdentitySettings settings,
            AuditLog audit,
            Clock clock) {
        this.users = users;
        this.resets = resets;
        this.passwordRules = passwordRules;
        this.hasher = hasher;
        this.sessions = sessions;
        this.mails = mails;
        this.attempts = attempts;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public void requestReset(String email) {
        String address = SignupService.canonicalEmail(email);
        attempts.checkAndConsume("password-reset", address, clientIp());
        Instant now = clock.instant();
        OneTimeToken token = OneTimeToken.generate(); // made either way: the same work whether or not the user exists
        Optional<User> user = users.findByEmail(address).filter(User::active);
        resets.invalidateOutstanding(user.map(User::id).orElse(new UUID(0, 0)), now);
        if (user.isEmpty()) {
            return;
        }
        resets.insert(user.get().id(), token.hash(), now, now.plus(settings.passwordResetLifetime()));
        mails.passwordReset(user.get(), token.value());
        audit.record(AuditEntry.byUser(
                user.get().id(), "PASSWORD_RESET_REQUESTED", "user", user.get().id()));
    }

    @Transactional
    public void completeReset(String token, String newPassword) {
        Instant now = clock.instant();
        Reset reset = resets.lockByTokenHash(OneTimeToken.hashOf(token == null ? "" : token))
                .filter(found -> found.usableAt(now))
                .orElseThrow(() -> new ProblemException(
                        ProblemType.INVALID_TOKEN, "This reset link is invalid, already used or expired."));
        User user = users.lockById(reset.userId())
                .filter(User::active)
                .orElseThrow(() -> new ProblemException(
                        ProblemType.INVALID_TOKEN, "This reset link is invalid, already used or expired."));
        String password = passwordRules.acceptable("newPassword", newPassword, user.email());
        resets.markUsed(reset.id(), now);
        resets.invalidateOutstanding(user.id(), now);
        users.updatePasswordHash(user.id(), hasher.hash(password), now);
        sessions.revokeAll(user.id(), null);
        mails.passwordChanged(user);
        audit.record(AuditEntry.byUser(user.id(), "PASSWORD_RESET", "user", user.id()));
    }

    /** Requires the current password; keeps the caller's session and ends the others. */
    @Transactional
    public void change(UUID userId, String currentSessionId, String currentPassword, String newPassword) {
        User user = users.lockById(userId).orElseThrow(() -> new NotFoundException("user"));
        if (!hasher.matches(passwordRules.normalize(currentPassword), user.passwordHash())) {
            audit.recordIndependently(AuditEntry.byUser(userId, "PASSWORD_CHANGE_REFUSED", "user", userId));
            throw new ProblemException(ProblemType.INVALID_CREDENTIALS, "The current password is not correct.");
        }
        String password = passwordRules.acceptable("newPassword", newPassword, user.email());
        Instant now = clock.instant();
        users.updatePasswordHash(userId, hasher.hash(password), now);
        resets.invalidateOutstanding(userId, now);
        sessions.revokeAll(userId, currentSessionId);
        mails.passwordChanged(user);
        audit.record(AuditEntry.byUser(userId, "PASSWORD_CHANGED", "user", userId));
    }

    private static String clientIp() {
        return RequestMetadata.current().map(RequestMetadata::clientIp).orElse("unknown");
    }
}
