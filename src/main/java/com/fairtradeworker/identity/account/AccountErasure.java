package com.fairtradeworker.identity.account;

import com.fairtradeworker.identity.ErasedAccount;
import com.fairtradeworker.identity.session.SessionStore;
import com.fairtradeworker.shared.NotFoundException;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Identity's part of account deletion: the account row is kept (other rows refer to it) under a pseudonym, its
 * verification and reset tokens are deleted, and every session ends. Deciding whether the account may be deleted is
 * the caller's job.
 */
@Service
public class AccountErasure {

    /** What a deleted account is called wherever its name used to appear. */
    public static final String PLACEHOLDER_NAME = "Deleted user";

    private final UserRepository users;
    private final EmailVerificationRepository verifications;
    private final PasswordResetRepository resets;
    private final SessionStore sessions;
    private final Clock clock;

    AccountErasure(
            UserRepository users,
            EmailVerificationRepository verifications,
            PasswordResetRepository resets,
            SessionStore sessions,
            Clock clock) {
        this.users = users;
        this.verifications = verifications;
        this.resets = resets;
        this.sessions = sessions;
        this.clock = clock;
    }

    /**
     * The reserved {@code .invalid} domain never receives mail, and the user id keeps the address unique and within
     * the e-mail CHECK.
     */
    public static String pseudonymousEmail(UUID userId) {
        return "deleted-" + userId + "@invalid";
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public ErasedAccount erase(UUID userId) {
        User user = users.lockById(userId).orElseThrow(() -> new NotFoundException("user"));
        Set<String> formerEmails = new LinkedHashSet<>();
        formerEmails.add(user.email());
        formerEmails.addAll(verifications.addressesOf(userId));
        String pseudonym = pseudonymousEmail(userId);
        users.erase(userId, pseudonym, PLACEHOLDER_NAME, clock.instant());
        verifications.deleteAllOf(userId);
        resets.deleteAllOf(userId);
        // Redis is outside the transaction: ending sessions early is harmless if the deletion then rolls back.
        int ended = sessions.revokeAll(userId, null);
        return new ErasedAccount(userId, pseudonym, List.copyOf(formerEmails), ended);
    }
}
