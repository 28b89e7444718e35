package com.fairtradeworker.contracts;

import com.fairtradeworker.identity.AuthenticatedUser;
import com.fairtradeworker.identity.Role;
import com.fairtradeworker.shared.NotFoundException;
import com.fairtradeworker.timers.DueTimer;
import com.fairtradeworker.timers.DueTimers;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Reading contracts: the two parties and admins see one; anyone else gets the answer for a missing contract. */
@Service
class ContractQueries {

    record ContractPage(List<ContractView> items, String nextCursor) {}

    private final ContractRepository contracts;
    private final DueTimers timers;

    ContractQueries(ContractRepository contracts, DueTimers timers) {
        this.contracts = contracts;
        this.timers = timers;
    }

    ContractView visibleContract(AuthenticatedUser user, UUID contractId) {
        return contracts
                .find(contractId)
                .filter(contract -> user.is(Role.ADMIN) || contract.isParty(user.userId()))
                .map(this::view)
                .orElseThrow(() -> new NotFoundException("contract"));
    }

    /** The caller's own contracts, as homeowner or as contractor, newest first. */
    ContractPage ownContracts(AuthenticatedUser user, Instant before, UUID beforeId, int limit) {
        List<Contract> page = switch (user.role()) {
            case HOMEOWNER -> contracts.pageOfHomeowner(user.userId(), before, beforeId, limit + 1);
            case CONTRACTOR -> contracts.pageOfContractor(user.userId(), before, beforeId, limit + 1);
            case ADMIN -> List.of(); // admins are party to no contract
        };
        String next = null;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            Contract last = page.get(limit - 1);
            next = ContractCursor.of(last.acceptedAt(), last.id());
        }
        return new ContractPage(page.stream().map(this::view).toList(), next);
    }

    ContractView view(Contract contract) {
        Instant fundingDeadline = contract.status() == ContractStatus.PENDING_FUNDING
                ? timers.find(Acceptance.FUNDING_WINDOW_ENDS, contract.id())
                        .map(DueTimer::dueAt)
                        .orElse(null)
                : null;
        return ContractView.of(contract, fundingDeadline);
    }
}
