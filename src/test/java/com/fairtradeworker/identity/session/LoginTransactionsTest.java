package com.fairtradeworker.identity.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fairtradeworker.audit.AuditEntry;
import com.fairtradeworker.audit.AuditLog;
import com.fairtradeworker.identity.Role;
import com.fairtradeworker.identity.account.User;
import com.fairtradeworker.identity.account.UserRepository;
import com.fairtradeworker.identity.account.UserStatus;
import com.fairtradeworker.identity.password.Argon2Settings;
import com.fairtradeworker.identity.password.HeldHashingPermits;
import com.fairtradeworker.identity.password.PasswordHasher;
import com.fairtradeworker.identity.password.PasswordHashingBusyException;
import com.fairtradeworker.identity.password.PasswordHashingLimiter;
import com.fairtradeworker.identity.password.PasswordHashingSettings;
import com.fairtradeworker.identity.password.PasswordPolicy;
import com.fairtradeworker.identity.session.AccessTokens.IssuedAccessToken;
import com.fairtradeworker.identity.session.SessionStore.IssuedSession;
import com.fairtradeworker.platform.AttemptLimiter;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The orchestration of {@link LoginService#login}, with a deliberately slow hasher and a transaction manager that
 * records what happens inside its transactions: the password is checked while no transaction (so no pooled
 * connection) is held, and the short write transaction re-checks the account so a change made meanwhile wins.
 */
class LoginTransactionsTest {

    private static final String PASSWORD = "Tangerine-Orbit-4471-Quokka";
    private static final String EMAIL = "someone@example.test";
    private static final Duration SLOW = Duration.ofMillis(200);
    private static final String STORED = new PasswordHasher(Argon2Settings.DEFAULTS).hash(PASSWORD);
    private static final PasswordPolicy POLICY = new PasswordPolicy();
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private static final UUID USER_ID = UUID.fromString("00000000-0000-0000-0000-000000000001");

    private final UserRepository users = mock(UserRepository.class);
    private final SessionStore sessions = mock(SessionStore.class);
    private final AccessTokens accessTokens = mock(AccessTokens.class);
    private final AuditLog audit = mock(AuditLog.class);
    private final RecordingTransactions transactions = new RecordingTransactions();

    /** Things that ran while a transaction was open, and things that ran while none was. */
    private final List<String> inTransaction = new CopyOnWriteArrayList<>();

    private final List<String> outsideTransaction = new CopyOnWriteArrayList<>();

    private final User user = user(STORED, UserStatus.ACTIVE, EMAIL);

    LoginTransactionsTest() {
        when(sessions.create(any(), any(), any(), any())).thenAnswer(call -> {
            observe("sessions.create");
            UUID userId = call.getArgument(0);
            Role role = call.getArgument(1);
            return new IssuedSession(new Session("sid", userId, role, NOW, NOW, "unknown", null), "sid.secret");
        });
        when(accessTokens.issue(any())).thenReturn(new IssuedAccessToken("jwt", NOW.plusSeconds(900), 900));
        when(audit.record(any())).thenAnswer(call -> {
            observe("audit.record " + call.<AuditEntry>getArgument(0).action());
            return UUID.randomUUID();
        });
        when(audit.recordIndependently(any())).thenAnswer(call -> {
            observe("audit.recordIndependently "
                    + call.<AuditEntry>getArgument(0).action());
            return UUID.randomUUID();
        });
        when(users.findByEmail(EMAIL)).thenAnswer(call -> {
            observe("users.findByEmail");
            return Optional.of(user);
        });
    }

    @Test
    void thePasswordIsCheckedWithNoTransactionOpenAndTheWritesHappenInOneShortOne() {
        lockReturns(user);

        LoginService.SignedIn signedIn = service(new SlowHasher(limiter(4))).login(EMAIL, PASSWORD);

        assertThat(signedIn.user().id()).isEqualTo(user.id());
        assertThat(signedIn.session().session().id()).isEqualTo("sid");
        assertThat(outsideTransaction).containsExactly("users.findByEmail", "hasher.matches");
        assertThat(inTransaction).containsExactly("users.lockById", "sessions.create", "audit.record LOGIN_SUCCEEDED");
        assertThat(transactions.begun.get()).isOne();
        assertThat(transactions.committed.get()).isOne();
        assertThat(Duration.ofNanos(transactions.longestNanos.get()))
                .as("the transaction held no Argon2 run (the slow hasher takes %s)", SLOW)
                .isLessThan(SLOW);
    }

    @Test
    void anUnknownAddressCostsOneVerificationAndOpensNoTransaction() {
        doReturn(Optional.empty()).when(users).findByEmail(EMAIL);

        assertThatThrownBy(() -> service(new SlowHasher(limiter(4))).login(EMAIL, PASSWORD))
                .isInstanceOf(ProblemException.class)
                .extracting(e -> ((ProblemException) e).type())
                .isEqualTo(ProblemType.INVALID_CREDENTIALS);
        assertThat(outsideTransaction)
                .as("burnEqualWork verifies against a dummy hash")
                .containsExactly("hasher.burnEqualWork", "hasher.matches", "audit.recordIndependently LOGIN_FAILED");
        assertThat(transactions.begun.get()).isZero();
    }

    @Test
    void aWrongPasswordOpensNoTransaction() {
        assertThatThrownBy(() -> service(new SlowHasher(limiter(4))).login(EMAIL, "Wrong-Password-12345"))
                .isInstanceOf(ProblemException.class)
                .extracting(e -> ((ProblemException) e).type())
                .isEqualTo(ProblemType.INVALID_CREDENTIALS);
        assertThat(outsideTransaction)
                .containsExactly("users.findByEmail", "hasher.matches", "audit.recordIndependently LOGIN_FAILED");
        assertThat(transactions.begun.get()).isZero();
        verify(users, never()).lockById(any());
    }

    @Test
    void anAccountDisabledWhileItsPasswordWasCheckedIsRefused() {
        lockReturns(user(STORED, UserStatus.DISABLED, EMAIL));

        assertThatThrownBy(() -> service(new SlowHasher(limiter(4))).login(EMAIL, PASSWORD))
                .isInstanceOf(ProblemException.class)
                .extracting(e -> ((ProblemException) e).type())
                .isEqualTo(ProblemType.ACCOUNT_DISABLED);
        verify(sessions, never()).create(any(), any(), any(), any());
        assertThat(inTransaction).containsExactly("users.lockById");
        assertThat(outsideTransaction).endsWith("audit.recordIndependently LOGIN_REFUSED_DISABLED");
    }

    @Test
    void aPasswordChangedWhileTheOldOneWasCheckedIsRefused() {
        lockReturns(user(
                new PasswordHasher(Argon2Settings.DEFAULTS).hash("Another-Password-0815"), UserStatus.ACTIVE, EMAIL));

        assertThatThrownBy(() -> service(new SlowHasher(limiter(4))).login(EMAIL, PASSWORD))
                .isInstanceOf(ProblemException.class)
                .extracting(e -> ((ProblemException) e).type())
                .isEqualTo(ProblemType.INVALID_CREDENTIALS);
        verify(sessions, never()).create(any(), any(), any(), any());
        assertThat(outsideTransaction).endsWith("audit.recordIndependently LOGIN_FAILED");
    }

    @Test
    void anAddressChangedWhileThePasswordWasCheckedIsRefused() {
        lockReturns(user(STORED, UserStatus.ACTIVE, "someone-else@example.test"));

        assertThatThrownBy(() -> service(new SlowHasher(limiter(4))).login(EMAIL, PASSWORD))
                .isInstanceOf(ProblemException.class)
                .extracting(e -> ((ProblemException) e).type())
                .isEqualTo(ProblemType.INVALID_CREDENTIALS);
        verify(sessions, never()).create(any(), any(), any(), any());
    }

    @Test
    void anOutdatedHashIsRecomputedBeforeTheTransactionAndStoredInIt() {
        User legacy = user(new Argon2PasswordEncoder(16, 32, 1, 4096, 1).encode(PASSWORD), UserStatus.ACTIVE, EMAIL);
        doReturn(Optional.of(legacy)).when(users).findByEmail(EMAIL);
        lockReturns(legacy);
        doAnswer(call -> {
                    observe("users.updatePasswordHash");
                    return null;
                })
                .when(users)
                .updatePasswordHash(any(), anyString(), any());

        service(new SlowHasher(limiter(4))).login(EMAIL, PASSWORD);

        assertThat(outsideTransaction).containsExactly("hasher.matches", "hasher.hash");
        assertThat(inTransaction)
                .containsExactly(
                        "users.lockById",
                        "users.updatePasswordHash",
                        "sessions.create",
                        "audit.record LOGIN_SUCCEEDED");
        verify(users).updatePasswordHash(eq(legacy.id()), startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), eq(NOW));
    }

    @Test
    void anOutdatedHashStaysWhenNoHashingPermitIsFreeAndTheLoginStillSucceeds() {
        User legacy = user(new Argon2PasswordEncoder(16, 32, 1, 4096, 1).encode(PASSWORD), UserStatus.ACTIVE, EMAIL);
        doReturn(Optional.of(legacy)).when(users).findByEmail(EMAIL);
        lockReturns(legacy);
        PasswordHasher busyForNewHashes = new SlowHasher(limiter(4)) {
            @Override
            public String hash(String normalizedPassword) {
                throw new PasswordHashingBusyException();
            }
        };

        assertThat(service(busyForNewHashes).login(EMAIL, PASSWORD).user().id()).isEqualTo(legacy.id());
        verify(users, never()).updatePasswordHash(any(), any(), any());
    }

    @Test
    void whenEveryHashingPermitIsTakenTheLoginIsRefusedWith503BeforeAnyTransaction() throws Exception {
        PasswordHashingLimiter limiter =
                new PasswordHashingLimiter(new PasswordHashingSettings(1, Duration.ofMillis(50)));
        PasswordHasher hasher = new PasswordHasher(Argon2Settings.DEFAULTS, limiter);
        LoginService service = service(hasher);
        try (HeldHashingPermits held = HeldHashingPermits.takeAll(limiter)) {
            assertThatThrownBy(() -> service.login(EMAIL, PASSWORD))
                    .isInstanceOf(PasswordHashingBusyException.class)
                    .extracting(e -> ((ProblemException) e).type())
                    .isEqualTo(ProblemType.SERVICE_UNAVAILABLE);
        }
        assertThat(transactions.begun.get()).isZero();
        verify(sessions, never()).create(any(), any(), any(), any());

        lockReturns(user);
        assertThat(service.login(EMAIL, PASSWORD).user().id())
                .as("once a permit is free")
                .isEqualTo(user.id());
    }

    private LoginService service(PasswordHasher hasher) {
        AttemptLimiter attempts = (action, accountKey, clientIp) -> {};
        return new LoginService(
                users,
                POLICY,
                hasher,
                sessions,
                accessTokens,
                attempts,
                audit,
                new TransactionTemplate(transactions),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private void lockReturns(User locked) {
        when(users.lockById(locked.id())).thenAnswer(call -> {
            observe("users.lockById");
            return Optional.of(locked);
        });
    }

    private static User user(String passwordHash, UserStatus status, String email) {
        return new User(USER_ID, email, passwordHash, "Someone", null, Role.HOMEOWNER, status, NOW, NOW);
    }

    private void observe(String what) {
        (TransactionSynchronizationManager.isActualTransactionActive() ? inTransaction : outsideTransaction).add(what);
    }

    private static PasswordHashingLimiter limiter(int permits) {
        return new PasswordHashingLimiter(new PasswordHashingSettings(permits, Duration.ofSeconds(10)));
    }

    /** The real hasher, made slow, recording whether a transaction was open at each Argon2 run. */
    private class SlowHasher extends PasswordHasher {

        SlowHasher(PasswordHashingLimiter limiter) {
            super(Argon2Settings.DEFAULTS, limiter);
        }

        @Override
        public boolean matches(String normalizedPassword, String storedHash) {
            observe("hasher.matches");
            pause();
            return super.matches(normalizedPassword, storedHash);
        }

        @Override
        public void burnEqualWork(String normalizedPassword) {
            observe("hasher.burnEqualWork");
            pause();
            super.burnEqualWork(normalizedPassword);
        }

        @Override
        public String hash(String normalizedPassword) {
            observe("hasher.hash");
            pause();
            return super.hash(normalizedPassword);
        }

        private void pause() {
            try {
                Thread.sleep(SLOW.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Counts transactions and how long each stayed open; no database behind it. */
    private static final class RecordingTransactions extends AbstractPlatformTransactionManager {

        final AtomicInteger begun = new AtomicInteger();
        final AtomicInteger committed = new AtomicInteger();
        final AtomicLong longestNanos = new AtomicLong();
        private final ThreadLocal<Long> startedAt = new ThreadLocal<>();

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
            begun.incrementAndGet();
            startedAt.set(System.nanoTime());
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            committed.incrementAndGet();
            ended();
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            ended();
        }

        private void ended() {
            longestNanos.accumulateAndGet(System.nanoTime() - startedAt.get(), Math::max);
        }
    }
}
