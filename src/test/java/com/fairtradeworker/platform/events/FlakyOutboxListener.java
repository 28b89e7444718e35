package com.fairtradeworker.platform.events;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** An after-commit reaction that can be told to fail once, as if the service had crashed while running it. */
@Component
class FlakyOutboxListener {

    private final Set<UUID> failOnce = ConcurrentHashMap.newKeySet();
    private final Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> deliveries = new ConcurrentHashMap<>();

    void failNextDeliveryOf(UUID subject) {
        failOnce.add(subject);
    }

    @ApplicationModuleListener
    void on(OutboxProbeEvent event) {
        attempts.computeIfAbsent(event.subject(), key -> new AtomicInteger()).incrementAndGet();
        if (failOnce.remove(event.subject())) {
            throw new IllegalStateException("simulated crash while reacting");
        }
        deliveries.computeIfAbsent(event.subject(), key -> new AtomicInteger()).incrementAndGet();
    }

    int attempts(UUID subject) {
        return attempts.getOrDefault(subject, new AtomicInteger()).get();
    }

    int deliveries(UUID subject) {
        return deliveries.getOrDefault(subject, new AtomicInteger()).get();
    }
}
