package com.fairtradeworker.contracts;

import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** What later stages (escrow, completions, disputes, reviews) ask of contracts. */
@Service
public class ContractsApi {

    private final ContractRepository contracts;

    ContractsApi(ContractRepository contracts) {
        this.contracts = contracts;
    }

    /** The contract, whoever asks: callers apply their own visibility rules (parties and admins). */
    public Optional<ContractSnapshot> find(UUID contractId) {
        return contracts.find(contractId).map(Contract::snapshot);
    }
}
