package com.fairtradeworker.identity.account;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.identity.Role;
import com.fairtradeworker.identity.password.PasswordHasher;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates HOMEOWNER and CONTRACTOR accounts (never ADMIN). The answer is the same whether or not the address is
 * already registered, and so is the work done: the owner of an existing address gets a note instead of a link.
 */
@Service
public class SignupService {

    private final UserRepository users;
    private final PasswordRules passwordRules;
    private final PasswordHasher hasher;
    private final EmailVerificationService verification;
    private final IdentityMails mails;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    SignupService(
            UserRepository users,
            PasswordRules passwordRules,
            PasswordHasher hasher,
            EmailVerificationService verification,
            IdentityMails mails,
            AuditLog audit,
            TransactionTemplate transactions,
            Clock clock) {
        this.users = users;
        this.passwordRules = passwordRules;
        this.hasher = hasher;
        this.verification = verification;
        this.mails = mails;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    public record Signup(String email, String password, String displayName, String phone, Role role) {
        @Override
        public String toString() {
            return "Signup[role=" + role + "]";
        }
    }

    /** The password is hashed first, with no database connection held, then the account is written briefly. */
    public void signUp(Signup signup) {
        if (signup.role() == Role.ADMIN) {
            throw new IllegalArgumentException("Admins are created by operators, never by sign-up");
        }
        String email = canonicalEmail(signup.email());
        String password = passwordRules.acceptable("password", signup.password(), email);
        String hash = hasher.hash(password); // hashed either way: the same work whether or not the address is taken
        Boolean handled = transactions.execute(status -> {
            Optional<User> existing = users.findByEmail(email);
            if (existing.isPresent()) {
                mails.signupWithExistingAddress(existing.get());
                return true;
            }
            Instant now = clock.instant();
            User user = new User(
                    UUID.randomUUID(),
                    email,
                    hash,
                    signup.displayName().strip(),
                    signup.phone(),
                    signup.role(),
                    UserStatus.ACTIVE,
                    null,
                    now);
            try {
                users.insert(user);
            } catch (DuplicateKeyException raceWithAnotherSignup) {
                status.setRollbackOnly(); // PostgreSQL refuses further statements in this transaction
                return false;
            }
            verification.sendSignupLink(user);
            audit.record(
                    AuditEntry.byUser(user.id(), "SIGNED_UP", "user", user.id()).with(Map.of("role", user.role())));
            return true;
        });
        if (!Boolean.TRUE.equals(handled)) { // lost a race with another sign-up for the address
            transactions.executeWithoutResult(
                    status -> users.findByEmail(email).ifPresent(mails::signupWithExistingAddress));
        }
    }

    static String canonicalEmail(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }
}
