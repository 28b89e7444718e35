package com.fairtradeworker.completions;

import com.fairtradeworker.identity.Role;
import com.fairtradeworker.platform.RouteAuthorizations;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may call the completion and evidence routes; ownership (the contract's parties, admins for reading) is checked
 * behind them, 404 otherwise.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class CompletionRoutes implements RouteAuthorizations {

    @Override
    public void declare(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers(HttpMethod.POST, "/api/contracts/*/completion")
                .hasRole(Role.CONTRACTOR.name())
                .requestMatchers(
                        HttpMethod.POST, "/api/contracts/*/completion/approve", "/api/contracts/*/completion/changes")
                .hasRole(Role.HOMEOWNER.name())
                .requestMatchers(
                        HttpMethod.GET, "/api/contracts/*/completions", "/api/completions/*", "/api/evidence/*")
                .authenticated();
    }
}
