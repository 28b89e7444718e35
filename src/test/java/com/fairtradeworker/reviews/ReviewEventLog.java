package com.fairtradeworker.reviews;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Records the review events whose transaction committed, so tests can check each publication announced itself once. */
@Component
class ReviewEventLog {

    private final List<Object> committed = new CopyOnWriteArrayList<>();

    @EventListener(classes = {ReviewEvents.ReviewPublished.class, ReviewEvents.ReviewHidden.class})
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

    /** Committed events of the type about the contract. */
    <T extends Record> List<T> about(Class<T> type, UUID contract) {
        return committed.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(event -> event.toString().contains(contract.toString()))
                .toList();
    }
}
