package com.fairtradeworker.escrow;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the payment provider: the simulated one until a Stripe adapter is configured (never in production). */
@Configuration(proxyBeanMethods = false)
class PaymentProviderConfiguration {

    @Bean
    PaymentProvider paymentProvider(@Value("${app.env:development}") String appEnv) {
        return new SimulatedPaymentProvider(appEnv);
    }
}
