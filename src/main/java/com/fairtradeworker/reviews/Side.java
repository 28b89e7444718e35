package com.fairtradeworker.reviews;

import com.fairtradeworker.contracts.ContractSnapshot;
import java.util.UUID;

/** Which side of the contract someone is on. */
enum Side {
    HOMEOWNER,
    CONTRACTOR;

    static Side of(ContractSnapshot contract, UUID userId) {
        return contract.homeownerId().equals(userId) ? HOMEOWNER : CONTRACTOR;
    }
}
