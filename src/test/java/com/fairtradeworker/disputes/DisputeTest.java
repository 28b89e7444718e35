package com.fairtradeworker.disputes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fairtradeworker.shared.ProblemException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The dispute's guarded transitions, exactly the domain guide's state machine. */
class DisputeTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private final UUID opener = UUID.randomUUID();
    private final Dispute.Resolution refund = new Dispute.Resolution(DisputeOutcome.REFUND, null, "Because.");

    @Test
    void theOtherPartysResponseAwaitsMediationAndHappensOnce() {
        Dispute responded = open().responded(NOW);

        assertThat(responded.status()).isEqualTo(DisputeStatus.AWAITING_MEDIATION);
        assertThat(responded.respondedAt()).isEqualTo(NOW);
        assertThatThrownBy(() -> responded.responded(NOW)).isInstanceOf(ProblemException.class);
    }

    @Test
    void anAdminResolvesOnlyAnAnsweredDispute() {
        UUID admin = UUID.randomUUID();
        assertThatThrownBy(() -> open().resolvedByAdmin(refund, admin, NOW)).isInstanceOf(ProblemException.class);

        Dispute resolved = open().responded(NOW).resolvedByAdmin(refund, admin, NOW);

        assertThat(resolved.status()).isEqualTo(DisputeStatus.RESOLVED);
        assertThat(resolved.resolvedBy()).isEqualTo(admin);
        assertThat(resolved.resolutionReason()).isEqualTo("Because.");
        assertThatThrownBy(() -> resolved.resolvedByAdmin(refund, admin, NOW)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> resolved.withdrawn(NOW)).isInstanceOf(ProblemException.class);
    }

    @Test
    void theResponseClockDecidesOnlyAnUnansweredDisputeAsItsOpenerAsked() {
        Dispute split = Dispute.opened(
                UUID.randomUUID(),
                opener,
                new DisputeClaim(DisputeReason.APPROVAL_WITHHELD, DisputeOutcome.SPLIT, 70_000L, "Pay me."),
                NOW,
                NOW.plusSeconds(60));

        Dispute resolved = split.resolvedByResponseWindow("No answer.", NOW);

        assertThat(resolved.resolution()).isEqualTo(DisputeOutcome.SPLIT);
        assertThat(resolved.resolutionSplitMinor()).isEqualTo(70_000L);
        assertThat(resolved.resolvedBy()).isNull();
        assertThatThrownBy(() -> split.responded(NOW).resolvedByResponseWindow("No answer.", NOW))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theOpenerWithdrawsWhileItIsOpenOrAwaitingMediation() {
        assertThat(open().withdrawn(NOW).status()).isEqualTo(DisputeStatus.WITHDRAWN);
        assertThat(open().responded(NOW).withdrawn(NOW).withdrawnAt()).isEqualTo(NOW);
        assertThatThrownBy(() -> open().withdrawn(NOW).withdrawn(NOW)).isInstanceOf(ProblemException.class);
    }

    private Dispute open() {
        return Dispute.opened(
                UUID.randomUUID(),
                opener,
                new DisputeClaim(DisputeReason.POOR_QUALITY, DisputeOutcome.REFUND, null, "Bad work."),
                NOW,
                NOW.plusSeconds(60));
    }
}
