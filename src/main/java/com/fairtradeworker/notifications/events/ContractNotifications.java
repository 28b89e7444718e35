package com.fairtradeworker.notifications.events;

import com.fairtradeworker.contracts.ContractEvents.CancellationReason;
import com.fairtradeworker.contracts.ContractEvents.ContractCancelled;
import com.fairtradeworker.contracts.ContractEvents.ContractCreated;
import com.fairtradeworker.contracts.ContractSnapshot;
import com.fairtradeworker.contracts.ContractsApi;
import com.fairtradeworker.notifications.NotificationGroup;
import com.fairtradeworker.notifications.events.Messages.Message;
import java.util.UUID;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Contracts before funding: the homeowner is asked to fund escrow; both parties hear of a cancellation. */
@Component
class ContractNotifications {

    private final ContractsApi contracts;
    private final Messages messages;

    ContractNotifications(ContractsApi contracts, Messages messages) {
        this.contracts = contracts;
        this.messages = messages;
    }

    @ApplicationModuleListener
    void on(ContractCreated event) {
        contracts
                .find(event.contract())
                .ifPresent(contract -> messages.send(new Message(
                        contract.homeownerId(),
                        NotificationGroup.CONTRACTS,
                        "contracts.awaiting-funding",
                        contract.id().toString(),
                        "Fund escrow for \"" + Messages.titleInSubject(contract.jobTitle()) + "\"",
                        """
                You accepted a bid of %s for "%s". The contract now waits for you to fund escrow: the money is held \
                by FairTradeWorker and only released to the contractor once you approve the work. If escrow is not \
                funded within the funding window, the contract is cancelled.""".formatted(Messages.amount(contract.amount()), contract.jobTitle()),
                        contractPath(contract.id()),
                        "FairTradeWorker: fund escrow for \"" + Messages.titleInSms(contract.jobTitle())
                                + "\" so the work can start.")));
    }

    @ApplicationModuleListener
    void on(ContractCancelled event) {
        contracts.find(event.contract()).ifPresent(contract -> {
            messages.send(cancelled(contract, contract.homeownerId(), event.reason()));
            messages.send(cancelled(contract, contract.contractorId(), event.reason()));
        });
    }

    private static Message cancelled(ContractSnapshot contract, UUID recipient, CancellationReason reason) {
        String why = switch (reason) {
            case HOMEOWNER_CANCELLED -> "the homeowner cancelled it before funding escrow";
            case FUNDING_WINDOW_PASSED -> "escrow was not funded within the funding window";
        };
        return new Message(
                recipient,
                NotificationGroup.CONTRACTS,
                "contracts.cancelled",
                contract.id().toString(),
                "Contract for \"" + Messages.titleInSubject(contract.jobTitle()) + "\" cancelled",
                """
                The contract for "%s" was cancelled: %s. No money was taken.""".formatted(contract.jobTitle(), why),
                contractPath(contract.id()),
                "FairTradeWorker: the contract for \"" + Messages.titleInSms(contract.jobTitle())
                        + "\" was cancelled.");
    }

    static String contractPath(UUID contract) {
        return "/contracts/" + contract;
    }
}
