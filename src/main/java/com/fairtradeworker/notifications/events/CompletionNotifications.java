package com.fairtradeworker.notifications.events;

import com.fairtradeworker.completions.CompletionEvents.AutoApprovalReminder;
import com.fairtradeworker.completions.CompletionEvents.ChangesRequested;
import com.fairtradeworker.completions.CompletionEvents.CompletionSubmitted;
import com.fairtradeworker.contracts.ContractSnapshot;
import com.fairtradeworker.contracts.ContractsApi;
import com.fairtradeworker.notifications.NotificationGroup;
import com.fairtradeworker.notifications.events.Messages.Message;
import java.util.UUID;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Completions: submitted work to the homeowner (with the time it is approved automatically), a change request to the
 * contractor, and the reminder before automatic approval to the homeowner.
 */
@Component
class CompletionNotifications {

    private final ContractsApi contracts;
    private final Messages messages;

    CompletionNotifications(ContractsApi contracts, Messages messages) {
        this.contracts = contracts;
        this.messages = messages;
    }

    @ApplicationModuleListener
    void on(CompletionSubmitted event) {
        String title = title(event.contract());
        messages.send(new Message(
                event.homeowner(),
                NotificationGroup.COMPLETIONS,
                "completions.submitted",
                event.completion().toString(),
                "Work on \"" + Messages.titleInSubject(title) + "\" is ready for your approval",
                """
                The contractor reports the work on "%s" as complete (%d evidence %s attached). Please check it and \
                approve it, which releases the escrow, or request changes.

                If you do neither, the work is approved automatically on %s.""".formatted(
                                title,
                                event.evidenceFiles(),
                                event.evidenceFiles() == 1 ? "file" : "files",
                                Messages.when(event.autoApprovesAt())),
                ContractNotifications.contractPath(event.contract()),
                "FairTradeWorker: work on \"" + Messages.titleInSms(title) + "\" is ready for approval; approved"
                        + " automatically on " + Messages.when(event.autoApprovesAt()) + "."));
    }

    @ApplicationModuleListener
    void on(ChangesRequested event) {
        String title = title(event.contract());
        messages.send(new Message(
                event.contractor(),
                NotificationGroup.COMPLETIONS,
                "completions.changes-requested",
                event.completion().toString(),
                "Changes requested on \"" + Messages.titleInSubject(title) + "\"",
                """
                The homeowner asked for changes to the work on "%s". Open the contract to read what they asked for, \
                and submit the work again when it is done. The escrow stays held meanwhile.""".formatted(title),
                ContractNotifications.contractPath(event.contract()),
                "FairTradeWorker: the homeowner requested changes on \"" + Messages.titleInSms(title) + "\"."));
    }

    @ApplicationModuleListener
    void on(AutoApprovalReminder event) {
        String title = title(event.contract());
        messages.send(new Message(
                event.homeowner(),
                NotificationGroup.COMPLETIONS,
                "completions.auto-approval-reminder",
                event.completion().toString(),
                "\"" + Messages.titleInSubject(title) + "\" will be approved automatically soon",
                """
                The work on "%s" waits for your decision. On %s it is approved automatically and the escrow is \
                released to the contractor. If something is wrong, request changes or open a dispute before then.""".formatted(title, Messages.when(event.autoApprovesAt())),
                ContractNotifications.contractPath(event.contract()),
                "FairTradeWorker: \"" + Messages.titleInSms(title) + "\" is approved automatically on "
                        + Messages.when(event.autoApprovesAt()) + " unless you act."));
    }

    private String title(UUID contract) {
        return contracts.find(contract).map(ContractSnapshot::jobTitle).orElse("your job");
    }
}
