package com.fairtradeworker.escrow;

import com.fairtradeworker.contracts.ContractSnapshot;
import com.fairtradeworker.contracts.ContractsApi;
import com.fairtradeworker.identity.AuthenticatedUser;
import com.fairtradeworker.identity.Role;
import com.fairtradeworker.shared.Money;
import com.fairtradeworker.shared.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A contract's money as its two parties and admins see it: the escrow's state and figures, every journal movement with
 * its fee and the escrow balance after it, and the payment, payout and refund records. Anyone else: 404.
 */
@Service
class EscrowStatement {

    private final ContractsApi contracts;
    private final EscrowRepository escrows;
    private final PaymentRepository payments;
    private final PayoutRepository payouts;
    private final RefundRepository refunds;
    private final PaymentProvider provider;
    private final JdbcClient jdbc;

    EscrowStatement(
            ContractsApi contracts,
            EscrowRepository escrows,
            PaymentRepository payments,
            PayoutRepository payouts,
            RefundRepository refunds,
            PaymentProvider provider,
            JdbcClient jdbc) {
        this.contracts = contracts;
        this.escrows = escrows;
        this.payments = payments;
        this.payouts = payouts;
        this.refunds = refunds;
        this.provider = provider;
        this.jdbc = jdbc;
    }

    /** The contract if the user may see its money (a party or an admin); otherwise the answer for a missing one. */
    ContractSnapshot visibleContract(AuthenticatedUser user, UUID contractId) {
        return contracts
                .find(contractId)
                .filter(contract -> user.is(Role.ADMIN) || contract.isParty(user.userId()))
                .orElseThrow(() -> new NotFoundException("contract"));
    }

    EscrowViews.Statement statement(AuthenticatedUser user, UUID contractId) {
        return statementOf(visibleContract(user, contractId));
    }

    EscrowViews.Statement statementOf(ContractSnapshot contract) {
        String currency = contract.amount().currency();
        EscrowViews.Escrow escrow = escrowView(contract);
        return new EscrowViews.Statement(
                contract.id(),
                contract.status(),
                provider.name(),
                provider.simulated(),
                contract.amount(),
                contract.feeRateBps(),
                contract.amount().basisPoints(contract.feeRateBps()),
                escrow,
                movements(contract.id(), currency),
                payments.ofContract(contract.id()).stream()
                        .map(EscrowViews.PaymentView::of)
                        .toList(),
                payouts.ofContract(contract.id()).stream()
                        .map(EscrowViews.PayoutView::of)
                        .toList(),
                refunds.ofContract(contract.id()).stream()
                        .map(EscrowViews.RefundView::of)
                        .toList());
    }

    EscrowViews.Escrow escrowView(ContractSnapshot contract) {
        return escrows.find(contract.id())
                .map(EscrowViews.Escrow::of)
                .orElseGet(() -> EscrowViews.Escrow.unfunded(contract.amount()));
    }

    private record Row(
            UUID id,
            JournalKind kind,
            Instant occurredAt,
            String providerReference,
            long escrow,
            long payable,
            long fee,
            long cash) {}

    /** One row per journal transaction of the contract, in the order they happened (a fund before its exit). */
    private List<EscrowViews.Movement> movements(UUID contractId, String currency) {
        List<Row> rows = jdbc.sql("""
                SELECT t.id, t.kind, t.occurred_at, t.provider_reference,
                       coalesce(sum(e.amount_minor) FILTER (WHERE a.kind = 'ESCROW'), 0)               AS escrow,
                       coalesce(sum(e.amount_minor) FILTER (WHERE a.kind = 'CONTRACTOR_PAYABLE'), 0)   AS payable,
                       coalesce(sum(e.amount_minor) FILTER (WHERE a.kind = 'PLATFORM_FEE_REVENUE'), 0) AS fee,
                       coalesce(sum(e.amount_minor) FILTER (WHERE a.kind = 'PROVIDER_CASH'), 0)        AS cash
                  FROM transactions t
                  JOIN ledger_entries e ON e.transaction_id = t.id
                  JOIN ledger_accounts a ON a.id = e.ledger_account_id
                 WHERE t.contract_id = :contract
                   AND t.kind <> 'PROCESSING_FEE' -- the provider's fee is the platform's cost, not the parties' money
                 GROUP BY t.id
                 ORDER BY t.occurred_at, CASE t.kind WHEN 'FUND' THEN 0 WHEN 'PAYOUT' THEN 2 ELSE 1 END, t.id
                """)
                .param("contract", contractId)
                .query((row, number) -> new Row(
                        row.getObject("id", UUID.class),
                        JournalKind.valueOf(row.getString("kind")),
                        row.getTimestamp("occurred_at").toInstant(),
                        row.getString("provider_reference"),
                        row.getLong("escrow"),
                        row.getLong("payable"),
                        row.getLong("fee"),
                        row.getLong("cash")))
                .list();
        List<EscrowViews.Movement> movements = new ArrayList<>(rows.size());
        long held = 0;
        for (Row row : rows) {
            held -= row.escrow();
            long amount = row.kind() == JournalKind.PAYOUT ? row.payable() : Math.abs(row.escrow());
            boolean exit = row.kind() != JournalKind.FUND && row.kind() != JournalKind.PAYOUT;
            movements.add(new EscrowViews.Movement(
                    row.id(),
                    row.kind(),
                    row.occurredAt(),
                    new Money(amount, currency),
                    new Money(-row.fee(), currency),
                    new Money(exit ? -row.payable() : 0, currency),
                    new Money(exit ? -row.cash() : 0, currency),
                    new Money(held, currency),
                    row.providerReference()));
        }
        return movements;
    }
}
