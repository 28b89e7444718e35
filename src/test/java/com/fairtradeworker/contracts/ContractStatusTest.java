package com.fairtradeworker.contracts;

import static com.fairtradeworker.contracts.ContractStatus.CANCELLED;
import static com.fairtradeworker.contracts.ContractStatus.COMPLETION_SUBMITTED;
import static com.fairtradeworker.contracts.ContractStatus.DISPUTED;
import static com.fairtradeworker.contracts.ContractStatus.FUNDED;
import static com.fairtradeworker.contracts.ContractStatus.PENDING_FUNDING;
import static com.fairtradeworker.contracts.ContractStatus.REFUNDED;
import static com.fairtradeworker.contracts.ContractStatus.RELEASED;
import static com.fairtradeworker.contracts.ContractStatus.SPLIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContractStatusTest {

    @Test
    void transitionsAreExactlyTheDomainGuides() {
        assertThat(successors(PENDING_FUNDING)).containsExactlyInAnyOrder(FUNDED, CANCELLED);
        assertThat(successors(FUNDED)).containsExactlyInAnyOrder(COMPLETION_SUBMITTED, DISPUTED, REFUNDED);
        assertThat(successors(COMPLETION_SUBMITTED)).containsExactlyInAnyOrder(RELEASED, FUNDED, DISPUTED);
        assertThat(successors(DISPUTED))
                .containsExactlyInAnyOrder(RELEASED, REFUNDED, SPLIT, FUNDED, COMPLETION_SUBMITTED);
        for (ContractStatus end : EnumSet.of(RELEASED, REFUNDED, SPLIT, CANCELLED)) {
            assertThat(successors(end)).as(end.name()).isEmpty();
            assertThat(end.terminal()).isTrue();
        }
    }

    @Test
    void onlyAnUnfundedContractCanBeCancelled() {
        assertThat(EnumSet.allOf(ContractStatus.class).stream()
                        .filter(status -> status.canTransitionTo(CANCELLED))
                        .toList())
                .containsExactly(PENDING_FUNDING);
    }

    private static Set<ContractStatus> successors(ContractStatus from) {
        Set<ContractStatus> next = EnumSet.noneOf(ContractStatus.class);
        for (ContractStatus to : ContractStatus.values()) {
            if (from.canTransitionTo(to)) {
                next.add(to);
            }
        }
        return next;
    }
}
