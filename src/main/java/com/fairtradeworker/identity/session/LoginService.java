package com.fairtradeworker.identity.session;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.identity.account.User;
import com.fairtradeworker.identity.account.UserRepository;
import com.fairtradeworker.identity.password.PasswordHasher;
import com.fairtradeworker.identity.password.PasswordHashingBusyException;
import com.fairtradeworker.identity.password.PasswordPolicy;
import com.fairtradeworker.identity.session.AccessTokens.IssuedAccessToken;
import com.fairtradeworker.identity.session.SessionStore.IssuedSession;
import com.fairtradeworker.identity.session.SessionStore.Rotation;
import com.fairtradeworker.identity.token.OneTimeToken;
import com.fairtradeworker.platform.AttemptLimiter;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import com.fairtradeworker.shared.RateLimitedException;
import com.fairtradeworker.shared.RequestMetadata;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signs users in and out. A wrong address and a wrong password look the same and take the same time. Attempts are
 * limited per account and per client IP before any password is checked. Password checks never hold a database
 * connection (see {@link #login}).
 */
@Service
public class LoginService {

    private static final Logger log = LoggerFactory.getLogger(LoginService.class);

    private final UserRepository users;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final SessionStore sessions;
    private final AccessTokens accessTokens;
    private final AttemptLimiter attempts;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    LoginService(
            UserRepository users,
            PasswordPolicy policy,
            PasswordHasher hasher,
            SessionStore sessions,
            AccessTokens accessTokens,
            AttemptLimiter attempts,
            AuditLog audit,
            TransactionTemplate transactions,
            Clock clock) {
        this.users = users;
        this.policy = policy;
        this.hasher = hasher;
        this.sessions = sessions;
        this.accessTokens = accessTokens;
        this.attempts = attempts;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    public record SignedIn(User user, IssuedSession session, IssuedAccessToken accessToken) {}

    /**
     * Not one transaction on purpose: the Argon2 verification (about 30 ms of CPU) runs with no database connection
     * held. The account is read with a plain query, the password verified, and only then does a short transaction lock
     * the account row and write the session, any rehash and the audit row. That transaction refuses when the account
     * changed in between (password, address, or status): a disable or password change that commits during the check
     * is never overtaken by a sign-in with the old state.
     */
    public SignedIn login(String email, String password) {
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        RequestMetadata request = currentRequest();
        try {
            attempts.checkAndConsume("login", address, request.clientIp());
        } catch (RateLimitedException e) {
            log.warn("Login throttled for account {} from {}", pseudonym(address), request.clientIp());
            audit.recordIndependently(new AuditEntry(null, "LOGIN_THROTTLED", "account", pseudonym(address), Map.of()));
            throw e;
        }
        String normalized = policy.normalize(password == null ? "" : password);
        Optional<User> found = users.findByEmail(address); // no transaction: the connection goes back at once
        if (found.isEmpty()) {
            hasher.burnEqualWork(normalized);
            throw refuse(null, address, request);
        }
        User user = found.get();
        if (!hasher.matches(normalized, user.passwordHash())) {
            throw refuse(user, address, request);
        }
        if (!user.active()) {
            throw refuseDisabled(user);
        }
        String rehashed = rehash(user, normalized);
        Written written = transactions.execute(status -> write(user, rehashed, request));
        if (written.refusal() == Refusal.CHANGED) {
            log.info("Account {} changed while its password was being checked; login refused", user.id());
            throw refuse(user, address, request);
        }
        if (written.refusal() == Refusal.DISABLED) {
            throw refuseDisabled(user);
        }
        log.info("Login succeeded for user {} from {}", user.id(), request.clientIp());
        return new SignedIn(
                written.user(),
                written.session(),
                accessTokens.issue(written.session().session()));
    }

    /**
     * A fresh hash when the stored one was made with other Argon2 parameters, computed before the write transaction;
     * null when none is needed, or when no hashing permit is free: the upgrade then waits for a later login rather than
     * refusing this one.
     */
    private String rehash(User user, String normalized) {
        if (!hasher.needsRehash(user.passwordHash())) {
            return null;
        }
        try {
            return hasher.hash(normalized);
        } catch (PasswordHashingBusyException busy) {
            log.info("Password hash of user {} not upgraded at this login: hashing at capacity", user.id());
            return null;
        }
    }

    /** The short write transaction of a login whose password has been verified against {@code verified}. */
    private Written write(User verified, String rehashed, RequestMetadata request) {
        User user = users.lockById(verified.id()).orElse(null);
        if (user == null
                || !user.passwordHash().equals(verified.passwordHash())
                || !user.email().equals(verified.email())) {
            return Written.refused(Refusal.CHANGED);
        }
        if (!user.active()) {
            return Written.refused(Refusal.DISABLED);
        }
        if (rehashed != null) {
            users.updatePasswordHash(user.id(), rehashed, clock.instant());
        }
        IssuedSession session = sessions.create(user.id(), user.role(), request.clientIp(), request.userAgent());
        audit.record(AuditEntry.byUser(user.id(), "LOGIN_SUCCEEDED", "user", user.id())
                .with(Map.of("session", session.session().id())));
        return new Written(user, session, null);
    }

    private enum Refusal {
        CHANGED,
        DISABLED
    }

    private record Written(User user, IssuedSession session, Refusal refusal) {
        static Written refused(Refusal refusal) {
            return new Written(null, null, refusal);
        }
    }

    /** Exchanges a refresh token for a new pair; a reused token ends its session. */
    @Transactional
    public SignedIn refresh(String refreshToken) {
        Rotation rotation = sessions.rotate(refreshToken);
        switch (rotation.outcome()) {
            case ROTATED -> {
                Session session = rotation.session();
                User user =
                        users.findById(session.userId()).filter(User::active).orElse(null);
                if (user == null) {
                    sessions.revoke(session.userId(), session.id());
                    throw invalidRefreshToken();
                }
                IssuedSession issued = new IssuedSession(session, rotation.refreshToken());
                return new SignedIn(user, issued, accessTokens.issue(session));
            }
            case REUSED -> {
                Session session = rotation.session();
                log.warn("Refresh token reused for user {}: session {} revoked", session.userId(), session.id());
                audit.recordIndependently(
                        AuditEntry.byUser(session.userId(), "REFRESH_TOKEN_REUSED", "user", session.userId())
                                .with(Map.of("session", session.id())));
                throw invalidRefreshToken();
            }
            default -> throw invalidRefreshToken();
        }
    }

    @Transactional
    public void logout(java.util.UUID userId, String sessionId) {
        sessions.revoke(userId, sessionId);
        audit.record(AuditEntry.byUser(userId, "LOGGED_OUT", "user", userId).with(Map.of("session", sessionId)));
    }

    /** Audits the failure (in a transaction of its own: the caller holds none) and returns the 401 to throw. */
    private ProblemException refuse(User user, String address, RequestMetadata request) {
        String subject = user == null ? "unknown account " + pseudonym(address) : "user " + user.id();
        log.info("Login failed for {} from {}", subject, request.clientIp());
        audit.recordIndependently(
                user == null
                        ? new AuditEntry(null, "LOGIN_FAILED", "account", pseudonym(address), Map.of())
                        : new AuditEntry(null, "LOGIN_FAILED", "user", user.id().toString(), Map.of()));
        return new ProblemException(ProblemType.INVALID_CREDENTIALS, "E-mail address or password is not correct.");
    }

    private ProblemException refuseDisabled(User user) {
        audit.recordIndependently(
                new AuditEntry(null, "LOGIN_REFUSED_DISABLED", "user", user.id().toString(), Map.of()));
        return new ProblemException(ProblemType.ACCOUNT_DISABLED, "This account is disabled.");
    }

    private static ProblemException invalidRefreshToken() {
        return new ProblemException(ProblemType.INVALID_CREDENTIALS, "The refresh token is not valid.");
    }

    /** Stands for an address in logs and audit rows without revealing it. */
    static String pseudonym(String address) {
        return "sha256:"
                + HexFormat.of().formatHex(OneTimeToken.hashOf(address)).substring(0, 16);
    }

    private static RequestMetadata currentRequest() {
        return RequestMetadata.current().orElse(new RequestMetadata(null, "unknown", null));
    }
}
