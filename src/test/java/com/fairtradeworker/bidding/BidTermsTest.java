package com.fairtradeworker.bidding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fairtradeworker.shared.Money;
import com.fairtradeworker.shared.ProblemException;
import com.fairtradeworker.shared.ProblemType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BidTermsTest {

    private static final LocalDate TODAY = LocalDate.of(2030, 5, 1);

    @Test
    void acceptsTermsWithinEveryLimitAndStripsTheProposal() {
        BidTerms terms = BidTerms.validated(
                Money.of(BidTerms.MAX_AMOUNT_MINOR, "USD"), "  Fix it.  ", 3650, TODAY, "USD", TODAY);

        assertThat(terms.proposal()).isEqualTo("Fix it.");
        assertThat(terms.amount().amountMinor()).isEqualTo(10_000_000_000L);
    }

    @Test
    void countsProposalLengthInCharactersNotUtf16Units() {
        String fiveThousandEmoji = "\uD83D\uDD27".repeat(5_000); // 5,000 code points, 10,000 chars

        assertThat(BidTerms.validated(Money.of(1, "USD"), fiveThousandEmoji, 1, null, "USD", TODAY)
                        .proposal())
                .hasSize(10_000);
        assertThatThrownBy(() -> BidTerms.validated(Money.of(1, "USD"), "x".repeat(5_001), 1, null, "USD", TODAY))
                .isInstanceOf(ProblemException.class);
    }

    @Test
    void reportsEveryInvalidFieldAtOnce() {
        assertThat(fieldsRefused(Money.of(0, "EUR"), "   ", 0, TODAY.minusDays(1)))
                .containsExactlyInAnyOrder(
                        "amount.amountMinor", "amount.currency", "proposal", "estimatedDurationDays", "earliestStart");
        assertThat(fieldsRefused(Money.of(-5, "USD"), "ok", 3651, null))
                .containsExactlyInAnyOrder("amount.amountMinor", "estimatedDurationDays");
        assertThat(fieldsRefused(Money.of(BidTerms.MAX_AMOUNT_MINOR + 1, "USD"), "ok", null, null))
                .containsExactlyInAnyOrder("amount.amountMinor", "estimatedDurationDays");
        assertThat(fieldsRefused(null, null, 1, null)).containsExactlyInAnyOrder("amount", "proposal");
    }

    @Test
    void theSplitIsTheAmountMinusTheFlooredFeeAtTheStampedRate() {
        Bid bid = Bid.submit(
                UUID.randomUUID(),
                UUID.randomUUID(),
                BidTerms.validated(Money.of(123_457, "USD"), "Fix", 2, null, "USD", TODAY),
                500,
                Instant.EPOCH);

        assertThat(bid.platformFee()).isEqualTo(Money.of(6_172, "USD")); // 6,172.85 floored
        assertThat(bid.contractorReceives()).isEqualTo(Money.of(117_285, "USD"));
        assertThat(bid.revision()).isEqualTo(1);
    }

    @Test
    void transitionsRefuseNamingTheCurrentState() {
        Bid bid = Bid.submit(
                UUID.randomUUID(),
                UUID.randomUUID(),
                BidTerms.validated(Money.of(100, "USD"), "Fix", 2, null, "USD", TODAY),
                500,
                Instant.EPOCH);
        Bid withdrawn = bid.withdraw(Instant.EPOCH.plusSeconds(1));

        assertThat(withdrawn.status()).isEqualTo(BidStatus.WITHDRAWN);
        assertThat(withdrawn.withdrawnAt()).isEqualTo(Instant.EPOCH.plusSeconds(1));
        assertThatThrownBy(() -> withdrawn.accept(Instant.EPOCH))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.type()).isEqualTo(ProblemType.STATE_CONFLICT);
                    assertThat(problem.properties()).containsEntry("status", BidStatus.WITHDRAWN);
                });
        assertThatThrownBy(() -> withdrawn.revise(bid.terms(), Instant.EPOCH))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        problem -> assertThat(problem.properties()).containsEntry("status", BidStatus.WITHDRAWN));
    }

    @SuppressWarnings("unchecked")
    private static List<String> fieldsRefused(Money amount, String proposal, Integer days, LocalDate start) {
        try {
            BidTerms.validated(amount, proposal, days, start, "USD", TODAY);
        } catch (ProblemException refused) {
            assertThat(refused.type()).isEqualTo(ProblemType.VALIDATION_FAILED);
            return ((List<Map<String, String>>) refused.properties().get("errors"))
                    .stream().map(error -> error.get("field")).toList();
        }
        return List.of();
    }
}
