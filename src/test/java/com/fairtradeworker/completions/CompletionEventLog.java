package com.fairtradeworker.completions;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Records the completion events whose transaction committed, so tests can check each one was announced once. */
@Component
class CompletionEventLog {

    private final List<Object> committed = new CopyOnWriteArrayList<>();

    @EventListener(
            classes = {
                CompletionEvents.CompletionSubmitted.class,
                CompletionEvents.ChangesRequested.class,
                CompletionEvents.CompletionApproved.class,
                CompletionEvents.AutoApprovalReminder.class
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

    /** Committed events of the type about the contract. */
    <T extends Record> List<T> about(Class<T> type, UUID contract) {
        return committed.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(event -> mentions(event, contract))
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
