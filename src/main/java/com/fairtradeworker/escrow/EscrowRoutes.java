package com.fairtradeworker.escrow;

import com.fairtradeworker.identity.Role;
import com.fairtradeworker.platform.RouteAuthorizations;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** Who may call the escrow routes; ownership (the contract's parties) is checked behind them, 404 otherwise. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class EscrowRoutes implements RouteAuthorizations {

    @Override
    public void declare(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers(HttpMethod.POST, "/api/contracts/*/fund")
                .hasRole(Role.HOMEOWNER.name())
                .requestMatchers(HttpMethod.POST, "/api/me/payout-account")
                .hasRole(Role.CONTRACTOR.name())
                .requestMatchers(
                        HttpMethod.POST,
                        "/api/contracts/*/cancellation-proposal",
                        "/api/contracts/*/cancellation-proposal/accept")
                .hasAnyRole(Role.HOMEOWNER.name(), Role.CONTRACTOR.name())
                .requestMatchers(HttpMethod.DELETE, "/api/contracts/*/cancellation-proposal")
                .hasAnyRole(Role.HOMEOWNER.name(), Role.CONTRACTOR.name())
                .requestMatchers(HttpMethod.GET, "/api/contracts/*/escrow")
                .authenticated();
    }
}
