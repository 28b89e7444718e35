package com.fairtradeworker.profiles.contractor;

import com.fairtradeworker.timers.TimerHandler;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One timer handler per credential clock; each hands its firing to {@link CredentialExpiry}. */
@Configuration(proxyBeanMethods = false)
class CredentialTimerHandlers {

    @Bean
    TimerHandler contractorLicenceReminder30d(CredentialExpiry expiry) {
        return new Handler(CredentialTimer.LICENCE_REMINDER_30D, expiry);
    }

    @Bean
    TimerHandler contractorLicenceReminder7d(CredentialExpiry expiry) {
        return new Handler(CredentialTimer.LICENCE_REMINDER_7D, expiry);
    }

    @Bean
    TimerHandler contractorLicenceExpires(CredentialExpiry expiry) {
        return new Handler(CredentialTimer.LICENCE_EXPIRES, expiry);
    }

    @Bean
    TimerHandler contractorInsuranceReminder30d(CredentialExpiry expiry) {
        return new Handler(CredentialTimer.INSURANCE_REMINDER_30D, expiry);
    }

    @Bean
    TimerHandler contractorInsuranceReminder7d(CredentialExpiry expiry) {
        return new Handler(CredentialTimer.INSURANCE_REMINDER_7D, expiry);
    }

    @Bean
    TimerHandler contractorInsuranceExpires(CredentialExpiry expiry) {
        return new Handler(CredentialTimer.INSURANCE_EXPIRES, expiry);
    }

    private record Handler(CredentialTimer timer, CredentialExpiry expiry) implements TimerHandler {

        @Override
        public String kind() {
            return timer.kind();
        }

        @Override
        public void onDue(UUID subjectId, Instant dueAt) {
            expiry.fire(timer, subjectId, dueAt);
        }
    }
}
