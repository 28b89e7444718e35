package com.fairtradeworker.notifications.events;

import com.fairtradeworker.contracts.ContractSnapshot;
import com.fairtradeworker.contracts.ContractsApi;
import com.fairtradeworker.escrow.EscrowEvents.EscrowExited;
import com.fairtradeworker.escrow.EscrowEvents.EscrowFunded;
import com.fairtradeworker.escrow.EscrowEvents.LatePaymentRefunded;
import com.fairtradeworker.escrow.EscrowEvents.PayoutPaid;
import com.fairtradeworker.escrow.EscrowEvents.PayoutWaitingForAccount;
import com.fairtradeworker.escrow.EscrowStatus;
import com.fairtradeworker.escrow.ExitCause;
import com.fairtradeworker.notifications.NotificationGroup;
import com.fairtradeworker.notifications.events.Messages.Message;
import java.util.Locale;
import java.util.UUID;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Money: escrow funded (both parties), money released, refunded or split (both parties; a dispute's decision is told by
 * the dispute's own message instead), payouts waiting for a payout account or paid, and late payments refunded.
 */
@Component
class PaymentNotifications {

    private static final String PAYOUT_ACCOUNT_PATH = "/settings/payouts";

    private final ContractsApi contracts;
    private final Messages messages;

    PaymentNotifications(ContractsApi contracts, Messages messages) {
        this.contracts = contracts;
        this.messages = messages;
    }

    @ApplicationModuleListener
    void on(EscrowFunded event) {
        String title = title(event.contract());
        String amount = Messages.amount(event.amount());
        messages.send(funded(event.contract(), event.homeowner(), title, """
                Your payment of %s for "%s" is held in escrow. It is released to the contractor only when you \
                approve the completed work.""".formatted(amount, title)));
        messages.send(funded(event.contract(), event.contractor(), title, """
                The homeowner funded escrow with %s for "%s": the money is held for you and the work can start.""".formatted(amount, title)));
    }

    @ApplicationModuleListener
    void on(EscrowExited event) {
        if (event.cause() == ExitCause.DISPUTE_RESOLUTION || event.cause() == ExitCause.DISPUTE_RESPONSE_WINDOW) {
            return; // the dispute's decision message says where the money went
        }
        String title = title(event.contract());
        String template = "escrow." + event.outcome().name().toLowerCase(Locale.ROOT);
        messages.send(new Message(
                event.contractor(),
                NotificationGroup.PAYMENTS,
                template,
                event.contract().toString(),
                subject(event.outcome(), title),
                forContractor(event, title),
                ContractNotifications.contractPath(event.contract()),
                "FairTradeWorker: " + subject(event.outcome(), Messages.titleInSms(title)) + "."));
        messages.send(new Message(
                event.homeowner(),
                NotificationGroup.PAYMENTS,
                template,
                event.contract().toString(),
                subject(event.outcome(), title),
                forHomeowner(event, title),
                ContractNotifications.contractPath(event.contract()),
                "FairTradeWorker: " + subject(event.outcome(), Messages.titleInSms(title)) + "."));
    }

    @ApplicationModuleListener
    void on(PayoutWaitingForAccount event) {
        String title = title(event.contract());
        messages.send(new Message(
                event.contractor(),
                NotificationGroup.PAYMENTS,
                "escrow.payout-waiting",
                event.payout().toString(),
                "Add a payout account to receive " + Messages.amount(event.amount()),
                """
                %s for "%s" is ready to be paid to you, but your account has no payout account that can receive it \
                yet. Add or finish your payout account and the payout goes out automatically.""".formatted(Messages.amount(event.amount()), title),
                PAYOUT_ACCOUNT_PATH,
                "FairTradeWorker: " + Messages.amount(event.amount())
                        + " is waiting for you. Add a payout account to receive it."));
    }

    @ApplicationModuleListener
    void on(PayoutPaid event) {
        String title = title(event.contract());
        messages.send(new Message(
                event.contractor(),
                NotificationGroup.PAYMENTS,
                "escrow.payout-paid",
                event.payout().toString(),
                "Payout of " + Messages.amount(event.amount()) + " sent",
                """
                We sent %s for "%s" to your payout account. Depending on your bank it arrives within a few working \
                days.""".formatted(Messages.amount(event.amount()), title),
                ContractNotifications.contractPath(event.contract()),
                null));
    }

    @ApplicationModuleListener
    void on(LatePaymentRefunded event) {
        String title = title(event.contract());
        messages.send(new Message(
                event.homeowner(),
                NotificationGroup.PAYMENTS,
                "escrow.late-payment-refunded",
                event.contract().toString(),
                "Your late payment is being refunded",
                """
                A payment of %s for "%s" arrived after the contract no longer waited for it, so we are refunding it \
                in full to the card or account it came from.""".formatted(Messages.amount(event.amount()), title),
                ContractNotifications.contractPath(event.contract()),
                null));
    }

    private static Message funded(UUID contract, UUID recipient, String title, String body) {
        return new Message(
                recipient,
                NotificationGroup.PAYMENTS,
                "escrow.funded",
                contract.toString(),
                "Escrow funded for \"" + Messages.titleInSubject(title) + "\"",
                body,
                ContractNotifications.contractPath(contract),
                "FairTradeWorker: escrow is funded for \"" + Messages.titleInSms(title) + "\".");
    }

    private static String subject(EscrowStatus outcome, String title) {
        String quoted = "\"" + Messages.titleInSubject(title) + "\"";
        return switch (outcome) {
            case RELEASED -> "Money released for " + quoted;
            case REFUNDED -> "Escrow refunded for " + quoted;
            default -> "Escrow split for " + quoted;
        };
    }

    private static String forContractor(EscrowExited event, String title) {
        return switch (event.outcome()) {
            case RELEASED, SPLIT ->
                """
                    %s for "%s" was released to you (the platform fee of %s is already taken off). It is paid out to \
                    your payout account.""".formatted(
                                Messages.amount(event.toContractor().minus(event.platformFee())),
                                title,
                                Messages.amount(event.platformFee()));
            default -> """
                    The escrow for "%s" was refunded to the homeowner (%s): %s.""".formatted(title, Messages.amount(event.refunded()), cause(event.cause()));
        };
    }

    private static String forHomeowner(EscrowExited event, String title) {
        return switch (event.outcome()) {
            case RELEASED -> """
                    The money held for "%s" was released to the contractor: %s.""".formatted(title, cause(event.cause()));
            case REFUNDED -> """
                    %s held for "%s" is being refunded to you: %s. Depending on your bank it arrives within a few \
                    working days.""".formatted(Messages.amount(event.refunded()), title, cause(event.cause()));
            default -> """
                    The money held for "%s" was split: %s to the contractor, %s refunded to you.""".formatted(title, Messages.amount(event.toContractor()), Messages.amount(event.refunded()));
        };
    }

    private static String cause(ExitCause cause) {
        return switch (cause) {
            case APPROVAL -> "the work was approved";
            case APPROVAL_WINDOW -> "the approval window ended without a change request, so the work was approved";
            case MUTUAL_CANCELLATION -> "both parties agreed to cancel the contract";
            case DISPUTE_RESOLUTION, DISPUTE_RESPONSE_WINDOW -> "the dispute was decided";
        };
    }

    private String title(UUID contract) {
        return contracts.find(contract).map(ContractSnapshot::jobTitle).orElse("your job");
    }
}
