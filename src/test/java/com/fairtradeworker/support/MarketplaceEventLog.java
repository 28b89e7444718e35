package com.fairtradeworker.support;

import com.fairtradeworker.bidding.BiddingEvents;
import com.fairtradeworker.contracts.ContractEvents;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records the bidding and contract events whose transaction committed (a rolled-back acceptance announced nothing),
 * so tests can check that every state change announced itself exactly once. A plain listener with a commit hook, so
 * the event publication registry is not involved.
 */
@Component
public class MarketplaceEventLog {

    private final List<Object> committed = new CopyOnWriteArrayList<>();

    @EventListener(
            classes = {
                BiddingEvents.BidSubmitted.class,
                BiddingEvents.BidRevised.class,
                BiddingEvents.BidWithdrawn.class,
                BiddingEvents.BidAccepted.class,
                BiddingEvents.BidRejected.class,
                ContractEvents.ContractCreated.class,
                ContractEvents.ContractCancelled.class
            })
    void record(Object event) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            committed.add(event);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                committed.add(event);
            }
        });
    }

    /** Committed events of the type that mention the id (as any of their UUID fields). */
    public <T extends Record> List<T> about(Class<T> type, UUID id) {
        return committed.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(event -> mentions(event, id))
                .toList();
    }

    private static boolean mentions(Record event, UUID id) {
        for (var component : event.getClass().getRecordComponents()) {
            try {
                if (id.equals(component.getAccessor().invoke(event))) {
                    return true;
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return false;
    }
}
