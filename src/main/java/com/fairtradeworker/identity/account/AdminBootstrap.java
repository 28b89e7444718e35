package com.fairtradeworker.identity.account;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.identity.Role;
import com.fairtradeworker.identity.password.PasswordHasher;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the first admin from {@code BOOTSTRAP_ADMIN_EMAIL} and {@code BOOTSTRAP_ADMIN_PASSWORD} at start-up, once:
 * if the address already has an account nothing changes. Operators remove the variables after the first start.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final IdentitySettings settings;
    private final UserRepository users;
    private final PasswordRules passwordRules;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AdminBootstrap(
            IdentitySettings settings,
            UserRepository users,
            PasswordRules passwordRules,
            PasswordHasher hasher,
            AuditLog audit,
            TransactionTemplate transactions,
            Clock clock) {
        this.settings = settings;
        this.users = users;
        this.passwordRules = passwordRules;
        this.hasher = hasher;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        var admin = settings.bootstrapAdmin();
        if (admin.email() == null || admin.email().isBlank()) {
            return;
        }
        createIfAbsent(admin.email(), admin.password());
    }

    UUID createIfAbsent(String email, String password) {
        String address = SignupService.canonicalEmail(email);
        var existing = users.findByEmail(address);
        if (existing.isPresent()) {
            return alreadyThere(existing.get());
        }
        String normalized = passwordRules.acceptable("BOOTSTRAP_ADMIN_PASSWORD", password, address);
        String hash = hasher.hash(normalized); // before the transaction: hashing must not hold a connection
        return transactions.execute(status -> {
            var raced = users.findByEmail(address);
            if (raced.isPresent()) {
                return alreadyThere(raced.get());
            }
            Instant now = clock.instant();
            User user = new User(
                    UUID.randomUUID(), address, hash, "Administrator", null, Role.ADMIN, UserStatus.ACTIVE, now, now);
            users.insert(user);
            audit.record(AuditEntry.bySystem("ADMIN_BOOTSTRAPPED", "user", user.id()));
            log.warn(
                    "Bootstrap admin created (user {}). Remove BOOTSTRAP_ADMIN_PASSWORD from the environment.",
                    user.id());
            return user.id();
        });
    }

    private static UUID alreadyThere(User existing) {
        log.info("Bootstrap admin: the address already has an account ({}); nothing changed", existing.role());
        return existing.id();
    }
}
