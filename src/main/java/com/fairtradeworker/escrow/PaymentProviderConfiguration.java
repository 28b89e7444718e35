package com.fairtradeworker.escrow;

import com.fairtradeworker.escrow.stripe.StripePaymentProvider;
import com.fairtradeworker.escrow.stripe.StripeSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * Chooses the payment provider: Stripe when {@code STRIPE_SECRET_KEY} is set (see {@code escrow.stripe}), the
 * simulated one otherwise (never in production, where the Stripe API must also be reached over https).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StripeSettings.class)
@PropertySource("classpath:com/fairtradeworker/escrow/stripe/stripe.properties")
class PaymentProviderConfiguration {

    @Bean
    PaymentProvider paymentProvider(
            @Value("${app.env:development}") String appEnv,
            StripeSettings stripe,
            ObjectProvider<MeterRegistry> meters) {
        if (stripe.configured()) {
            if ("production".equalsIgnoreCase(appEnv) && !stripe.apiBase().startsWith("https://")) {
                throw new IllegalStateException("STRIPE_API_BASE must use https in production");
            }
            return new StripePaymentProvider(stripe, meters.getIfAvailable(SimpleMeterRegistry::new));
        }
        return new SimulatedPaymentProvider(appEnv);
    }
}
