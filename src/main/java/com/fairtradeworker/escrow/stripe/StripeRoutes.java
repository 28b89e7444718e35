package com.fairtradeworker.escrow.stripe;

import com.fairtradeworker.identity.Role;
import com.fairtradeworker.platform.RouteAuthorizations;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may call the Stripe routes: the webhook is public (its signature is checked behind it, 400 otherwise; CSRF does
 * not apply to this stateless API, and the general body and rate limits do), the reconciliation report is for admins.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class StripeRoutes implements RouteAuthorizations {

    @Override
    public void declare(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers(HttpMethod.POST, "/api/webhooks/stripe")
                .permitAll()
                .requestMatchers(HttpMethod.GET, "/api/admin/reconciliation")
                .hasRole(Role.ADMIN.name());
    }
}
