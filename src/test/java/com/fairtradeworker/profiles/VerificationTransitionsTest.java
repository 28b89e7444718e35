package com.fairtradeworker.profiles;

import static com.fairtradeworker.profiles.contractor.VerificationStatus.PENDING;
import static com.fairtradeworker.profiles.contractor.VerificationStatus.REJECTED;
import static com.fairtradeworker.profiles.contractor.VerificationStatus.UNVERIFIED;
import static com.fairtradeworker.profiles.contractor.VerificationStatus.VERIFIED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fairtradeworker.profiles.contractor.Verification;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class VerificationTransitionsTest {

    static final UUID ADMIN = UUID.randomUUID();
    static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");

    @Test
    void aSubmissionIsVerifiedOrRejectedOnlyWhilePending() {
        Verification pending = Verification.unverified().submit();

        Verification verified = pending.verify(ADMIN, NOW, "ok");
        assertThat(verified).isEqualTo(new Verification(VERIFIED, "ok", NOW, ADMIN));
        assertThat(pending.reject("no").status()).isEqualTo(REJECTED);

        assertConflict(() -> Verification.unverified().verify(ADMIN, NOW, null));
        assertConflict(() -> verified.verify(ADMIN, NOW, null));
        assertConflict(() -> verified.reject("late"));
        assertConflict(() -> pending.reject("no").verify(ADMIN, NOW, null));
    }

    @Test
    void theBadgeDropsOnExpiryOrChangedCredentialsAndMaySubmitAgain() {
        Verification verified = Verification.unverified().submit().verify(ADMIN, NOW, null);

        Verification expired = verified.expired("Your licence expired on 2030-01-01.");
        assertThat(expired.status()).isEqualTo(UNVERIFIED);
        assertThat(expired.verifiedAt()).isNull();
        assertThat(expired.verifiedBy()).isNull();
        assertThat(verified.credentialsChanged().status()).isEqualTo(UNVERIFIED);
        assertThat(Verification.unverified().credentialsChanged()).isEqualTo(Verification.unverified());
        assertConflict(() -> Verification.unverified().expired("never verified"));
        assertThat(expired.submit().status()).isEqualTo(PENDING);
        assertThat(verified.submit().status()).isEqualTo(PENDING);
        assertThat(verified.submit().verifiedBy()).isNull();
    }

    private static void assertConflict(Runnable transition) {
        assertThatThrownBy(transition::run)
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.STATE_CONFLICT));
    }
}
