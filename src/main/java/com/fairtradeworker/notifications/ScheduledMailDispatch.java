package com.fairtradeworker.notifications;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Drains the outbox in the background, {@code app.mail.poll-interval} (default 1 s) after the previous round ended.
 * Off when {@code app.mail.scheduled=false} (the test profile), where tests call {@link MailDispatcher#dispatchDue()}.
 */
@Component
@ConditionalOnBooleanProperty(name = "app.mail.scheduled", matchIfMissing = true)
class ScheduledMailDispatch {

    private final MailDispatcher dispatcher;

    ScheduledMailDispatch(MailDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Scheduled(fixedDelayString = "${app.mail.poll-interval:1s}", initialDelayString = "${app.mail.poll-interval:1s}")
    void dispatchDue() {
        dispatcher.dispatchDue();
    }
}
