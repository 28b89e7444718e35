package com.fairtradeworker.notifications.events;

import com.fairtradeworker.contracts.ContractSnapshot;
import com.fairtradeworker.contracts.ContractsApi;
import com.fairtradeworker.disputes.DisputeEvents.DisputeOpened;
import com.fairtradeworker.disputes.DisputeEvents.DisputeResolved;
import com.fairtradeworker.disputes.DisputeEvents.DisputeResponded;
import com.fairtradeworker.disputes.DisputeEvents.DisputeResponseDue;
import com.fairtradeworker.disputes.DisputeEvents.DisputeWithdrawn;
import com.fairtradeworker.notifications.NotificationGroup;
import com.fairtradeworker.notifications.events.Messages.Message;
import java.util.Locale;
import java.util.UUID;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Disputes: the opener's confirmation, the other party's notice with the response deadline, the response to the
 * opener, a withdrawal to the other party, and the decision (with where the money went) to both.
 */
@Component
class DisputeNotifications {

    private final ContractsApi contracts;
    private final Messages messages;

    DisputeNotifications(ContractsApi contracts, Messages messages) {
        this.contracts = contracts;
        this.messages = messages;
    }

    @ApplicationModuleListener
    void on(DisputeOpened event) {
        String title = title(event.contract());
        String due = Messages.when(event.responseDueAt());
        messages.send(new Message(
                event.openedBy(),
                NotificationGroup.DISPUTES,
                "disputes.opened",
                event.dispute().toString(),
                "Your dispute on \"" + Messages.titleInSubject(title) + "\" is open",
                """
                Your dispute on "%s" is open and the escrow is frozen. The other party has until %s to respond; an \
                administrator then decides. You can add statements and evidence meanwhile.""".formatted(title, due),
                disputePath(event.dispute()),
                null));
        messages.send(new Message(
                event.otherParty(),
                NotificationGroup.DISPUTES,
                "disputes.response-due",
                event.dispute().toString(),
                "A dispute was opened on \"" + Messages.titleInSubject(title) + "\": respond by " + due,
                """
                The other party opened a dispute on "%s" (reason: %s) and the escrow is frozen.

                Please respond by %s. Without a response by then, the dispute is decided in the other party's favour.""".formatted(title, reason(event.reason().name()), due),
                disputePath(event.dispute()),
                "FairTradeWorker: a dispute was opened on \"" + Messages.titleInSms(title) + "\". Respond by " + due
                        + "."));
    }

    @ApplicationModuleListener
    void on(DisputeResponseDue event) {
        String title = title(event.contract());
        String due = Messages.when(event.responseDueAt());
        messages.send(new Message(
                event.respondent(),
                NotificationGroup.DISPUTES,
                "disputes.response-reminder",
                event.dispute().toString(),
                "Reminder: respond to the dispute on \"" + Messages.titleInSubject(title) + "\" by " + due,
                """
                The dispute on "%s" still waits for your response. Please respond by %s: without a response by \
                then, the dispute is decided in the other party's favour.""".formatted(title, due),
                disputePath(event.dispute()),
                "FairTradeWorker: reminder, respond to the dispute on \"" + Messages.titleInSms(title) + "\" by " + due
                        + "."));
    }

    @ApplicationModuleListener
    void on(DisputeResponded event) {
        String title = title(event.contract());
        messages.send(new Message(
                event.opener(),
                NotificationGroup.DISPUTES,
                "disputes.responded",
                event.dispute().toString(),
                "The other party responded to your dispute on \"" + Messages.titleInSubject(title) + "\"",
                """
                The other party responded to your dispute on "%s". An administrator will now review the dispute and \
                decide.""".formatted(title),
                disputePath(event.dispute()),
                null));
    }

    @ApplicationModuleListener
    void on(DisputeWithdrawn event) {
        String title = title(event.contract());
        messages.send(new Message(
                event.otherParty(),
                NotificationGroup.DISPUTES,
                "disputes.withdrawn",
                event.dispute().toString(),
                "The dispute on \"" + Messages.titleInSubject(title) + "\" was withdrawn",
                """
                The dispute on "%s" was withdrawn. The contract continues where it was, and its clocks run again.""".formatted(title),
                disputePath(event.dispute()),
                "FairTradeWorker: the dispute on \"" + Messages.titleInSms(title) + "\" was withdrawn."));
    }

    @ApplicationModuleListener
    void on(DisputeResolved event) {
        String title = title(event.contract());
        String decision = switch (event.outcome()) {
            case RELEASE -> "the escrow is released to the contractor (less the platform fee)";
            case REFUND -> "the escrow is refunded in full to the homeowner";
            case SPLIT ->
                "the escrow is split: " + Messages.amount(event.toContractor())
                        + " to the contractor (less the platform fee on it), the rest refunded to the homeowner";
        };
        String body = event.byAdmin()
                ? "An administrator decided the dispute on \"%s\": %s.".formatted(title, decision)
                : ("The dispute on \"%s\" was decided for the party who opened it, because the other party did not"
                                + " respond in time: %s.")
                        .formatted(title, decision);
        for (UUID party : new UUID[] {event.homeowner(), event.contractor()}) {
            messages.send(new Message(
                    party,
                    NotificationGroup.DISPUTES,
                    "disputes.resolved",
                    event.dispute().toString(),
                    "The dispute on \"" + Messages.titleInSubject(title) + "\" was decided",
                    body,
                    disputePath(event.dispute()),
                    "FairTradeWorker: the dispute on \"" + Messages.titleInSms(title) + "\" was decided."));
        }
    }

    private static String reason(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String disputePath(UUID dispute) {
        return "/disputes/" + dispute;
    }

    private String title(UUID contract) {
        return contracts.find(contract).map(ContractSnapshot::jobTitle).orElse("your job");
    }
}
