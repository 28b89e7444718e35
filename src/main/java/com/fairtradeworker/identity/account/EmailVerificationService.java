package com.fairtradeworker.identity.account;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.identity.account.EmailVerificationRepository.Purpose;
import com.fairtradeworker.identity.account.EmailVerificationRepository.Verification;
import com.fairtradeworker.identity.password.PasswordHasher;
import com.fairtradeworker.identity.token.OneTimeToken;
import com.fairtradeworker.platform.AttemptLimiter;
import com.fairtradeworker.shared.NotFoundException;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import com.fairtradeworker.shared.RequestMetadata;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Proves that a user controls an address: at sign-up, on request (throttled), and when changing address, which also
 * warns the old address. Tokens are single use, valid 24 hours, stored as hashes.
 */
@Service
public class EmailVerificationService {

    private final EmailVerificationRepository verifications;
    private final UserRepository users;
    private final IdentityMails mails;
    private final PasswordRules passwordRules;
    private final PasswordHasher hasher;
    private final AttemptLimiter attempts;
    private final IdentitySettings settings;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    EmailVerificationService(
            EmailVerificationRepository verifications,
            UserRepository users,
            IdentityMails mails,
            PasswordRules passwordRules,
            PasswordHasher hasher,
            AttemptLimiter attempts,
            IdentitySettings settings,
            AuditLog audit,
            TransactionTemplate transactions,
            Clock clock) {
        this.verifications = verifications;
        this.users = users;
        this.mails = mails;
        this.passwordRules = passwordRules;
        this.hasher = hasher;
        this.attempts = attempts;
        this.settings = settings;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    void sendSignupLink(User user) {
        issue(user, user.email(), Purpose.SIGNUP);
    }

    /** Sends a fresh link to the user's unverified address; older links stop working. */
    @Transactional
    public void resend(UUID userId) {
        attempts.checkAndConsume("verification-resend", userId.toString(), clientIp());
        User user = users.findById(userId).orElseThrow(() -> new NotFoundException("user"));
        if (user.emailVerified()) {
            throw new ProblemException(ProblemType.STATE_CONFLICT, "This e-mail address is already verified.");
        }
        issue(user, user.email(), Purpose.SIGNUP);
        audit.record(AuditEntry.byUser(userId, "EMAIL_VERIFICATION_RESENT", "user", userId));
    }

    /**
     * Starts a change of address: the new one must be verified; the old one is told. The current password is checked
     * before the write transaction, with no connection held; the transaction refuses if it changed in the meantime.
     */
    public void requestChange(UUID userId, String newAddress, String currentPassword) {
        attempts.checkAndConsume("email-change", userId.toString(), clientIp());
        User checked = users.findById(userId).orElseThrow(() -> new NotFoundException("user"));
        if (!hasher.matches(passwordRules.normalize(currentPassword), checked.passwordHash())) {
            throw refuseChange(userId);
        }
        String address = SignupService.canonicalEmail(newAddress);
        Boolean requested = transactions.execute(status -> {
            User user = users.lockById(userId).orElseThrow(() -> new NotFoundException("user"));
            if (!user.passwordHash().equals(checked.passwordHash())) {
                return false; // changed since it was checked: the current password given is not current
            }
            if (address.equalsIgnoreCase(user.email())) {
                throw new ProblemException(ProblemType.STATE_CONFLICT, "That is already your e-mail address.");
            }
            if (users.emailTaken(address)) {
                mails.addressAlreadyInUse(user, address);
            } else {
                issue(user, address, Purpose.EMAIL_CHANGE);
            }
            mails.emailChangeRequested(user, address);
            audit.record(AuditEntry.byUser(userId, "EMAIL_CHANGE_REQUESTED", "user", userId));
            return true;
        });
        if (!Boolean.TRUE.equals(requested)) {
            throw refuseChange(userId);
        }
    }

    /** Audits the refusal in a transaction of its own (the caller holds none) and returns the 401 to throw. */
    private ProblemException refuseChange(UUID userId) {
        audit.recordIndependently(AuditEntry.byUser(userId, "EMAIL_CHANGE_REFUSED", "user", userId));
        return new ProblemException(ProblemType.INVALID_CREDENTIALS, "The current password is not correct.");
    }

    /** Confirms whichever verification the token belongs to. */
    @Transactional
    public void confirm(String token) {
        Instant now = clock.instant();
        Verification verification = verifications
                .lockByTokenHash(OneTimeToken.hashOf(token == null ? "" : token))
                .filter(found -> found.usedAt() == null && now.isBefore(found.expiresAt()))
                .orElseThrow(() -> new ProblemException(
                        ProblemType.INVALID_TOKEN, "This link is invalid, already used or expired."));
        User user = users.lockById(verification.userId()).orElseThrow(() -> new NotFoundException("user"));
        if (verification.purpose() == Purpose.EMAIL_CHANGE && users.emailTaken(verification.email())) {
            throw new ProblemException(ProblemType.ALREADY_EXISTS, "Another account now uses this e-mail address.");
        }
        verifications.markUsed(verification.id(), now);
        users.markEmailVerified(user.id(), verification.email(), now);
        String action = verification.purpose() == Purpose.SIGNUP ? "EMAIL_VERIFIED" : "EMAIL_CHANGED";
        audit.record(AuditEntry.byUser(user.id(), action, "user", user.id())
                .with(Map.of("verification", verification.id())));
    }

    private void issue(User user, String address, Purpose purpose) {
        Instant now = clock.instant();
        OneTimeToken token = OneTimeToken.generate();
        verifications.expireOutstanding(user.id(), purpose, now);
        verifications.insert(
                user.id(), address, purpose, token.hash(), now, now.plus(settings.emailVerificationLifetime()));
        mails.verifyAddress(user, address, token.value());
    }

    private static String clientIp() {
        return RequestMetadata.current().map(RequestMetadata::clientIp).orElse("unknown");
    }
}
