package com.fairtradeworker.timers;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Handlers for the timer tests: one that counts, one that fails once per subject when told to. */
@Configuration(proxyBeanMethods = false)
class TimerTestHandlers {

    static final String COUNTED = "TEST_COUNTED";
    static final String FLAKY = "TEST_FLAKY";

    static final Map<UUID, AtomicInteger> FIRINGS = new ConcurrentHashMap<>();
    static final Map<UUID, Instant> DUE_AT_SEEN = new ConcurrentHashMap<>();
    static final Set<UUID> FAIL_ONCE = ConcurrentHashMap.newKeySet();

    @Bean
    TimerHandler countingHandler() {
        return new TimerHandler() {
            @Override
            public String kind() {
                return COUNTED;
            }

            @Override
            public void onDue(UUID subjectId, Instant dueAt) {
                FIRINGS.computeIfAbsent(subjectId, id -> new AtomicInteger()).incrementAndGet();
                DUE_AT_SEEN.put(subjectId, dueAt);
            }
        };
    }

    @Bean
    TimerHandler flakyHandler() {
        return new TimerHandler() {
            @Override
            public String kind() {
                return FLAKY;
            }

            @Override
            public void onDue(UUID subjectId, Instant dueAt) {
                if (FAIL_ONCE.remove(subjectId)) {
                    throw new IllegalStateException("handler failed");
                }
                FIRINGS.computeIfAbsent(subjectId, id -> new AtomicInteger()).incrementAndGet();
            }
        };
    }

    static int firings(UUID subject) {
        return FIRINGS.getOrDefault(subject, new AtomicInteger()).get();
    }
}
