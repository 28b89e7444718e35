package com.fairtradeworker.completions;

import com.fairtradeworker.completions.CompletionViews.CompletionView;
import com.fairtradeworker.completions.CompletionViews.History;
import com.fairtradeworker.contracts.ContractSnapshot;
import com.fairtradeworker.contracts.ContractsApi;
import com.fairtradeworker.identity.AuthenticatedUser;
import com.fairtradeworker.identity.Role;
import com.fairtradeworker.shared.NotFoundException;
import com.fairtradeworker.timers.DueTimer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the contract's two parties and admins may read; anyone else gets 404, as for a missing contract. */
@Service
class CompletionQueries {

    private final ContractsApi contracts;
    private final CompletionRepository completions;
    private final EvidenceFiles evidence;
    private final ApprovalClock approvalClock;

    CompletionQueries(
            ContractsApi contracts,
            CompletionRepository completions,
            EvidenceFiles evidence,
            ApprovalClock approvalClock) {
        this.contracts = contracts;
        this.completions = completions;
        this.evidence = evidence;
        this.approvalClock = approvalClock;
    }

    @Transactional(readOnly = true)
    History history(AuthenticatedUser user, UUID contractId) {
        ContractSnapshot contract = visibleContract(user, contractId);
        List<Completion> all = completions.history(contractId);
        return new History(contractId, contract.status(), views(all, contractId));
    }

    @Transactional(readOnly = true)
    CompletionView one(AuthenticatedUser user, UUID completionId) {
        Completion completion = completions.find(completionId).orElseThrow(() -> new NotFoundException("completion"));
        try {
            visibleContract(user, completion.contractId());
        } catch (NotFoundException hidden) {
            throw new NotFoundException("completion");
        }
        return views(List.of(completion), completion.contractId()).get(0);
    }

    /** The contract, if the user is one of its parties or an admin. */
    ContractSnapshot visibleContract(AuthenticatedUser user, UUID contractId) {
        return contracts
                .find(contractId)
                .filter(contract -> user.is(Role.ADMIN) || contract.isParty(user.userId()))
                .orElseThrow(() -> new NotFoundException("contract"));
    }

    private List<CompletionView> views(List<Completion> all, UUID contractId) {
        Map<UUID, List<EvidenceView>> files =
                evidence.ofCompletions(all.stream().map(Completion::id).toList());
        DueTimer window = all.stream().anyMatch(completion -> completion.status() == CompletionStatus.SUBMITTED)
                ? approvalClock.window(contractId).orElse(null)
                : null;
        return all.stream()
                .map(completion ->
                        CompletionView.of(completion, files.getOrDefault(completion.id(), List.of()), window))
                .toList();
    }
}
