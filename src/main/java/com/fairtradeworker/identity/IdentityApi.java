package com.fairtradeworker.identity;

import com.fairtradeworker.identity.account.AccountErasure;
import com.fairtradeworker.identity.account.PasswordService;
import com.fairtradeworker.identity.account.User;
import com.fairtradeworker.identity.account.UserRepository;
import com.fairtradeworker.identity.session.SessionStore;
import com.fairtradeworker.shared.NotFoundException;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** What other modules ask of identity. */
@Service
public class IdentityApi {

    private final UserRepository users;
    private final SessionStore sessions;
    private final AccountErasure erasure;
    private final PasswordService passwords;
    private final Clock clock;

    IdentityApi(
            UserRepository users,
            SessionStore sessions,
            AccountErasure erasure,
            PasswordService passwords,
            Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.erasure = erasure;
        this.passwords = passwords;
        this.clock = clock;
    }

    /**
     * Asks the signed-in user to prove it is them before an irreversible step: 401 unless {@code password} is the
     * account's current password (limited and audited; call it outside any transaction).
     */
    public void confirmPassword(UUID userId, String password) {
        passwords.confirm(userId, password);
    }

    /**
     * The one check before posting a job, bidding or moving money: unverified addresses may sign in but not act.
     */
    public void requireVerifiedEmail(UUID userId) {
        User user = users.findById(userId).orElseThrow(() -> new NotFoundException("user"));
        if (!user.emailVerified()) {
            throw new ProblemException(
                    ProblemType.EMAIL_NOT_VERIFIED, "Verify your e-mail address first (see the link we sent you).");
        }
    }

    public boolean hasVerifiedEmail(UUID userId) {
        return users.findById(userId).map(User::emailVerified).orElse(false);
    }

    public Optional<AccountDetails> account(UUID userId) {
        return users.findById(userId).map(IdentityApi::details);
    }

    /** Locks the account row until the caller's transaction ends, so nothing changes it meanwhile (deletion). */
    @Transactional(propagation = Propagation.MANDATORY)
    public AccountDetails lockAccount(UUID userId) {
        return users.lockById(userId).map(IdentityApi::details).orElseThrow(() -> new NotFoundException("user"));
    }

    /** The user's signed-in devices, most recently seen first. */
    public List<SessionDetails> sessions(UUID userId) {
        return sessions.list(userId).stream()
                .map(session -> new SessionDetails(
                        session.id(), session.createdAt(), session.lastSeenAt(), session.ip(), session.userAgent()))
                .toList();
    }

    /** Sets or (with null) removes the account's phone number; a changed number is no longer verified. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void changePhone(UUID userId, String phone) {
        users.updatePhone(userId, phone, clock.instant());
    }

    /**
     * Identity's part of account deletion: the account keeps its id under a pseudonym, loses its name, address, phone
     * and password, and every session ends. The caller decides whether deletion is allowed and audits it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public ErasedAccount eraseAccount(UUID userId) {
        return erasure.erase(userId);
    }

    private static AccountDetails details(User user) {
        return new AccountDetails(
                user.id(),
                user.email(),
                user.displayName(),
                user.phone(),
                user.role(),
                user.active(),
                user.emailVerifiedAt(),
                user.createdAt());
    }
}
