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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Password reset by e-mail and password change while signed in. A request for reset answers the same, after the same
 * work, whether or not the address has an account. Any new password ends the other sessions and is announced by mail.
 * Passwords are hashed and checked outside any database transaction (see {@code PasswordHashingLimiter}).
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
    private final TransactionTemplate transactions;
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
            TransactionTemplate transactions,
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
        this.transactions = transactions;
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

    /**
     * The new password is hashed before the write transaction, with no connection held; the transaction then locks the
     * link and the account and checks again that the link is still usable and the account still active.
     */
    public void completeReset(String token, String newPassword) {
        byte[] tokenHash = OneTimeToken.hashOf(token == null ? "" : token);
        Reset found = resets.findByTokenHash(tokenHash)
                .filter(reset -> reset.usableAt(clock.instant()))
                .orElseThrow(PasswordService::invalidResetLink);
        User owner = users.findById(found.userId()).filter(User::active).orElseThrow(PasswordService::invalidResetLink);
        String hash = hasher.hash(passwordRules.acceptable("newPassword", newPassword, owner.email()));
        transactions.executeWithoutResult(status -> {
            Instant now = clock.instant();
            Reset reset = resets.lockByTokenHash(tokenHash)
                    .filter(locked -> locked.usableAt(now))
                    .orElseThrow(PasswordService::invalidResetLink);
            User user =
                    users.lockById(reset.userId()).filter(User::active).orElseThrow(PasswordService::invalidResetLink);
            // The address may have changed meanwhile; the rule about its local part is cheap to apply again.
            passwordRules.acceptable("newPassword", newPassword, user.email());
            resets.markUsed(reset.id(), now);
            resets.invalidateOutstanding(user.id(), now);
            users.updatePasswordHash(user.id(), hash, now);
            sessions.revokeAll(user.id(), null);
            mails.passwordChanged(user);
            audit.record(AuditEntry.byUser(user.id(), "PASSWORD_RESET", "user", user.id()));
        });
    }

    /**
     * Requires the current password; keeps the caller's session and ends the others. Both Argon2 runs (checking the
     * current password, hashing the new one) happen before the write transaction, which refuses if the password
     * changed in the meantime.
     */
    public void change(UUID userId, String currentSessionId, String currentPassword, String newPassword) {
        attempts.checkAndConsume("password-change", userId.toString(), clientIp()); // a stolen session cannot guess
        User user = users.findById(userId).orElseThrow(() -> new NotFoundException("user"));
        if (!hasher.matches(passwordRules.normalize(currentPassword), user.passwordHash())) {
            throw refuseChange(userId);
        }
        String hash = hasher.hash(passwordRules.acceptable("newPassword", newPassword, user.email()));
        Boolean changed = transactions.execute(status -> {
            User locked = users.lockById(userId).orElseThrow(() -> new NotFoundException("user"));
            if (!locked.passwordHash().equals(user.passwordHash())) {
                return false; // changed or reset since it was checked: the current password given is not current
            }
            passwordRules.acceptable("newPassword", newPassword, locked.email());
            Instant now = clock.instant();
            users.updatePasswordHash(userId, hash, now);
            resets.invalidateOutstanding(userId, now);
            sessions.revokeAll(userId, currentSessionId);
            mails.passwordChanged(locked);
            audit.record(AuditEntry.byUser(userId, "PASSWORD_CHANGED", "user", userId));
            return true;
        });
        if (!Boolean.TRUE.equals(changed)) {
            throw refuseChange(userId);
        }
    }

    /**
     * Re-authentication before an irreversible step (account deletion): refuses with 401, audited as
     * {@code PASSWORD_CONFIRMATION_REFUSED}, unless {@code password} is the account's current one. Limited like the
     * other password checks (10 attempts per 15 minutes per account and per IP), and run with no transaction open,
     * since hashing is slow.
     */
    public void confirm(UUID userId, String password) {
        attempts.checkAndConsume("password-confirmation", userId.toString(), clientIp());
        User user = users.findById(userId).orElseThrow(() -> new NotFoundException("user"));
        if (!hasher.matches(passwordRules.normalize(password), user.passwordHash())) {
            audit.recordIndependently(AuditEntry.byUser(userId, "PASSWORD_CONFIRMATION_REFUSED", "user", userId));
            throw new ProblemException(ProblemType.INVALID_CREDENTIALS, "The current password is not correct.");
        }
    }

    /** Audits the refusal in a transaction of its own (the caller holds none) and returns the 401 to throw. */
    private ProblemException refuseChange(UUID userId) {
        audit.recordIndependently(AuditEntry.byUser(userId, "PASSWORD_CHANGE_REFUSED", "user", userId));
        return new ProblemException(ProblemType.INVALID_CREDENTIALS, "The current password is not correct.");
    }

    private static ProblemException invalidResetLink() {
        return new ProblemException(ProblemType.INVALID_TOKEN, "This reset link is invalid, already used or expired.");
    }

    private static String clientIp() {
        return RequestMetadata.current().map(RequestMetadata::clientIp).orElse("unknown");
    }
}
