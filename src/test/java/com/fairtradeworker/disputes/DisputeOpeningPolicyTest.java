package com.fairtradeworker.disputes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.contracts.ContractSnapshot;
import com.fairtradeworker.contracts.ContractStatus;
import com.fairtradeworker.disputes.DisputeOpeningPolicy.Decision;
import com.fairtradeworker.shared.Money;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DisputeOpeningPolicyTest {

    private final UUID homeowner = UUID.randomUUID();
    private final UUID contractor = UUID.randomUUID();

    @ParameterizedTest
    @EnumSource(
            value = ContractStatus.class,
            names = {"FUNDED", "COMPLETION_SUBMITTED"})
    void eitherPartyMayOpenWhileMoneyIsHeldAndUndecided(ContractStatus status) {
        assertThat(DisputeOpeningPolicy.decide(contract(status), homeowner)).isEqualTo(Decision.ALLOWED);
        assertThat(DisputeOpeningPolicy.decide(contract(status), contractor)).isEqualTo(Decision.ALLOWED);
    }

    @ParameterizedTest
    @EnumSource(
            value = ContractStatus.class,
            names = {"PENDING_FUNDING", "RELEASED", "REFUNDED", "SPLIT", "CANCELLED"})
    void nothingHeldOrAlreadyDecidedCannotBeDisputed(ContractStatus status) {
        assertThat(DisputeOpeningPolicy.decide(contract(status), homeowner)).isEqualTo(Decision.WRONG_STATE);
    }

    @Test
    void aDisputedContractHasItsOneOpenDispute() {
        assertThat(DisputeOpeningPolicy.decide(contract(ContractStatus.DISPUTED), contractor))
                .isEqualTo(Decision.ALREADY_DISPUTED);
    }

    @ParameterizedTest
    @EnumSource(ContractStatus.class)
    void anyoneElseIsToldTheContractDoesNotExistWhateverItsState(ContractStatus status) {
        assertThat(DisputeOpeningPolicy.decide(contract(status), UUID.randomUUID()))
                .isEqualTo(Decision.NOT_VISIBLE);
        assertThat(DisputeOpeningPolicy.decide(null, homeowner)).isEqualTo(Decision.NOT_VISIBLE);
    }

    private ContractSnapshot contract(ContractStatus status) {
        return new ContractSnapshot(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                homeowner,
                contractor,
                new Money(100_000, "USD"),
                500,
                status,
                status == ContractStatus.DISPUTED ? ContractStatus.FUNDED : null,
                "contract_x",
                null,
                "Replace the water heater");
    }
}
