package com.fairtradeworker.notifications;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Drains the outbox in the background, {@code app.mail.poll-interval} (default 1 s) after the previous round ended:
 * e-mail and SMS separately, so a slow relay never holds text messages back. Off when {@code app.mail.scheduled=false}
 * (the test profile), where tests call {@link MailDispatcher#dispatchDue()} and {@link SmsDispatcher#dispatchDue()}.
 */
@Component
@ConditionalOnBooleanProperty(name = "app.mail.scheduled", matchIfMissing = true)
class ScheduledMailDispatch {

    private final MailDispatcher mail;
    private final SmsDispatcher sms;

    ScheduledMailDispatch(MailDispatcher mail, SmsDispatcher sms) {
        this.mail = mail;
        this.sms = sms;
    }

    @Scheduled(fixedDelayString = "${app.mail.poll-interval:1s}", initialDelayString = "${app.mail.poll-interval:1s}")
    void dispatchDue() {
        mail.dispatchDue();
    }

    @Scheduled(fixedDelayString = "${app.mail.poll-interval:1s}", initialDelayString = "${app.mail.poll-interval:1s}")
    void dispatchDueSms() {
        sms.dispatchDue();
    }
}
