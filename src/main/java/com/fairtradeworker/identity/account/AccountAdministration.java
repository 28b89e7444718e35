package com.fairtradeworker.identity.account;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.identity.session.SessionStore;
import com.fairtradeworker.shared.NotFoundException;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What admins do with accounts: list them, disable one (its sessions end at once) and enable it again. */
@Service
public class AccountAdministration {

    public static final int MAX_PAGE_SIZE = 100;

    private final UserRepository users;
    private final SessionStore sessions;
    private final AuditLog audit;
    private final Clock clock;

    AccountAdministration(UserRepository users, SessionStore sessions, AuditLog audit, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
    }

    public List<User> page(Instant beforeCreatedAt, UUID beforeId, int limit) {
        return users.page(beforeCreatedAt, beforeId, Math.max(1, Math.min(limit, MAX_PAGE_SIZE)));
    }

    @Transactional
    public User disable(UUID adminId, UUID userId, String reason) {
        if (adminId.equals(userId)) {
            throw new ProblemException(ProblemType.STATE_CONFLICT, "Admins cannot disable their own account.");
        }
        User user = users.lockById(userId).orElseThrow(() -> new NotFoundException("user"));
        if (user.status() != UserStatus.ACTIVE) {
            throw new ProblemException(
                    ProblemType.STATE_CONFLICT,
                    "The account is " + user.status() + ".",
                    Map.of("status", user.status()));
        }
        users.updateStatus(userId, UserStatus.DISABLED, clock.instant());
        int ended = sessions.revokeAll(userId, null);
        audit.record(AuditEntry.byUser(adminId, "ACCOUNT_DISABLED", "user", userId)
                .with(Map.of("reason", reason == null ? "" : reason, "sessionsEnded", ended)));
        return users.findById(userId).orElseThrow();
    }

    @Transactional
    public User enable(UUID adminId, UUID userId) {
        User user = users.lockById(userId).orElseThrow(() -> new NotFoundException("user"));
        if (user.status() != UserStatus.DISABLED) {
            throw new ProblemException(
                    ProblemType.STATE_CONFLICT,
                    "The account is " + user.status() + ".",
                    Map.of("status", user.status()));
        }
        users.updateStatus(userId, UserStatus.ACTIVE, clock.instant());
        audit.record(AuditEntry.byUser(adminId, "ACCOUNT_ENABLED", "user", userId));
        return users.findById(userId).orElseThrow();
    }
}
