package com.fairtradeworker.disputes;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Records the dispute events whose transaction committed, so tests can check each transition announced itself once. */
@Component
class DisputeEventLog {

    private final List<Object> committed = new CopyOnWriteArrayList<>();

    @EventListener(
            classes = {
                DisputeEvents.DisputeOpened.class,
                DisputeEvents.DisputeResponded.class,
                DisputeEvents.DisputeResponseDue.class,
                DisputeEvents.DisputeWithdrawn.class,
                DisputeEvents.DisputeResolved.class
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

    /** Committed events of the type about the dispute. */
    <T extends Record> List<T> about(Class<T> type, UUID dispute) {
        return committed.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(event -> event.toString().contains(dispute.toString()))
                .toList();
    }
}
