package com.fairtradeworker.support;

import com.fairtradeworker.platform.RouteAuthorizations;
import com.fairtradeworker.platform.database.DatabaseEndpoints;
import javax.sql.DataSource;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Beans the suite adds to the application: a clock tests can move, role connections and an HTTP client. */
@TestConfiguration(proxyBeanMethods = false)
public class TestInfrastructure {

    @Bean
    @Primary
    MutableClock mutableClock() {
        return new MutableClock();
    }

    /** The application's provider, which a test can swap for a Stripe adapter pointed at a stand-in. */
    @Bean
    @Primary
    SwitchablePaymentProvider switchablePaymentProvider(
            @org.springframework.beans.factory.annotation.Qualifier("paymentProvider")
                    com.fairtradeworker.escrow.PaymentProvider configured) {
        return new SwitchablePaymentProvider(configured);
    }

    @Bean
    DatabaseRoles databaseRoles(DatabaseEndpoints endpoints, DataSource dataSource) {
        return new DatabaseRoles(endpoints, dataSource);
    }

    /** Opens the test-only probe route to anyone. */
    @Bean
    RouteAuthorizations probeRoutes() {
        return routes -> routes.requestMatchers("/api/test-probe/**").permitAll();
    }

    @Bean
    TestAccounts testAccounts(
            ApiClient api,
            com.fairtradeworker.notifications.MailDispatcher mail,
            DataSource dataSource,
            com.fairtradeworker.identity.password.PasswordHasher hasher) {
        return new TestAccounts(api, mail, org.springframework.jdbc.core.simple.JdbcClient.create(dataSource), hasher);
    }

    @Bean
    CapturedLogs capturedLogs() {
        return CapturedLogs.install();
    }

    @Bean
    ApiClient apiClient(org.springframework.core.env.Environment environment) {
        return new ApiClient(environment);
    }
}
