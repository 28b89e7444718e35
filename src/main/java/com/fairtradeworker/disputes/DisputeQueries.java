package com.fairtradeworker.disputes;

import com.fairtradeworker.completions.EvidenceApi;
import com.fairtradeworker.contracts.ContractSnapshot;
import com.fairtradeworker.contracts.ContractsApi;
import com.fairtradeworker.disputes.DisputeViews.AdminDisputeView;
import com.fairtradeworker.disputes.DisputeViews.ContractTerms;
import com.fairtradeworker.disputes.DisputeViews.DisputeView;
import com.fairtradeworker.disputes.DisputeViews.EntryView;
import com.fairtradeworker.disputes.DisputeViews.EscrowView;
import com.fairtradeworker.disputes.DisputeViews.QueueItem;
import com.fairtradeworker.disputes.DisputeViews.QueuePage;
import com.fairtradeworker.disputes.DisputeViews.ResolutionView;
import com.fairtradeworker.disputes.DisputeViews.Side;
import com.fairtradeworker.escrow.EscrowApi;
import com.fairtradeworker.identity.AuthenticatedUser;
import com.fairtradeworker.identity.Role;
import com.fairtradeworker.shared.Money;
import com.fairtradeworker.shared.NotFoundException;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Reading disputes: the contract's two parties and admins; anyone else gets the answer for a missing one. */
@Service
class DisputeQueries {

    /** The admin queue without a status filter: everything still waiting for a response or a decision. */
    static final List<DisputeStatus> OPEN_QUEUE = List.of(DisputeStatus.OPEN, DisputeStatus.AWAITING_MEDIATION);

    private final DisputeRepository disputes;
    private final ContractsApi contracts;
    private final EscrowApi escrow;
    private final EvidenceApi evidence;

    DisputeQueries(DisputeRepository disputes, ContractsApi contracts, EscrowApi escrow, EvidenceApi evidence) {
        this.disputes = disputes;
        this.contracts = contracts;
        this.escrow = escrow;
        this.evidence = evidence;
    }

    DisputeView visible(AuthenticatedUser user, UUID disputeId) {
        Dispute dispute = disputes.find(disputeId).orElseThrow(() -> new NotFoundException("dispute"));
        ContractSnapshot contract = contracts
                .find(dispute.contractId())
                .filter(found -> mayRead(user, found))
                .orElseThrow(() -> new NotFoundException("dispute"));
        return view(dispute, contract);
    }

    /** Every dispute of the contract, newest first; 404 for anyone but its parties and admins. */
    List<DisputeView> ofContract(AuthenticatedUser user, UUID contractId) {
        ContractSnapshot contract = contracts
                .find(contractId)
                .filter(found -> mayRead(user, found))
                .orElseThrow(() -> new NotFoundException("contract"));
        return disputes.ofContract(contractId).stream()
                .map(dispute -> view(dispute, contract))
                .toList();
    }

    /** The admin queue, oldest first: disputes in {@code statuses}, after the cursor. */
    QueuePage queue(List<DisputeStatus> statuses, DisputeCursor after, int limit) {
        List<Dispute> page = disputes.queue(statuses, after.at(), after.id(), limit + 1);
        String next = null;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            Dispute last = page.get(limit - 1);
            next = DisputeCursor.of(last.createdAt(), last.id());
        }
        return new QueuePage(page.stream().map(this::queueItem).toList(), next);
    }

    AdminDisputeView forAdmin(UUID disputeId) {
        Dispute dispute = disputes.find(disputeId).orElseThrow(() -> new NotFoundException("dispute"));
        ContractSnapshot contract = contracts.find(dispute.contractId()).orElseThrow();
        return new AdminDisputeView(
                view(dispute, contract),
                dispute.resolvedBy(),
                ContractTerms.of(contract),
                EscrowView.of(contract.id(), escrow.escrow(contract.id()).orElse(null), contract.amount()));
    }

    DisputeView view(Dispute dispute) {
        return view(dispute, contracts.find(dispute.contractId()).orElseThrow());
    }

    EntryView entryView(DisputeEntry entry) {
        Dispute dispute = disputes.find(entry.disputeId()).orElseThrow();
        ContractSnapshot contract = contracts.find(dispute.contractId()).orElseThrow();
        return entryView(entry, contract);
    }

    DisputeView view(Dispute dispute, ContractSnapshot contract) {
        String currency = contract.amount().currency();
        ResolutionView resolution = dispute.resolution() == null
                ? null
                : new ResolutionView(
                        dispute.resolution(),
                        money(dispute.resolutionSplitMinor(), currency),
                        dispute.resolutionReason(),
                        dispute.resolvedBy() != null,
                        dispute.resolvedAt());
        List<EntryView> entries = disputes.entries(dispute.id()).stream()
                .map(entry -> entryView(entry, contract))
                .toList();
        return new DisputeView(
                dispute.id(),
                dispute.contractId(),
                dispute.status(),
                dispute.openedBy(),
                Side.of(contract, dispute.openedBy()),
                dispute.reason(),
                dispute.desiredOutcome(),
                money(dispute.desiredSplitMinor(), currency),
                dispute.statement(),
                dispute.createdAt(),
                dispute.responseDueAt(),
                dispute.respondedAt(),
                dispute.withdrawnAt(),
                resolution,
                entries,
                evidence.ofDispute(dispute.id()));
    }

    private static EntryView entryView(DisputeEntry entry, ContractSnapshot contract) {
        return new EntryView(
                entry.id(),
                entry.authorId(),
                Side.of(contract, entry.authorId()),
                entry.kind(),
                entry.body(),
                entry.createdAt());
    }

    private QueueItem queueItem(Dispute dispute) {
        ContractSnapshot contract = contracts.find(dispute.contractId()).orElseThrow();
        return new QueueItem(
                dispute.id(),
                dispute.contractId(),
                dispute.status(),
                dispute.reason(),
                dispute.desiredOutcome(),
                Side.of(contract, dispute.openedBy()),
                dispute.createdAt(),
                dispute.responseDueAt(),
                dispute.respondedAt(),
                contract.jobTitle(),
                contract.amount());
    }

    private static boolean mayRead(AuthenticatedUser user, ContractSnapshot contract) {
        return user.is(Role.ADMIN) || contract.isParty(user.userId());
    }

    private static Money money(Long minor, String currency) {
        return minor == null ? null : new Money(minor, currency);
    }
}
