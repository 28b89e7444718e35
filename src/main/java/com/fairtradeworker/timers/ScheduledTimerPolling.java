package com.fairtradeworker.timers;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Polls for due timers every second (app.timers.poll-interval); tests switch it off and call the poller directly. */
@Component
@ConditionalOnProperty(name = "app.timers.scheduled", havingValue = "true", matchIfMissing = true)
class ScheduledTimerPolling {

    private final TimerPoller poller;

    ScheduledTimerPolling(TimerPoller poller) {
        this.poller = poller;
    }

    @Scheduled(
            fixedDelayString = "${app.timers.poll-interval:1s}",
            initialDelayString = "${app.timers.poll-interval:1s}")
    void poll() {
        poller.fireDue();
    }
}
