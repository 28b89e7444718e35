package com.fairtradeworker.contracts;

import com.fairtradeworker.identity.Role;
import com.fairtradeworker.platform.RouteAuthorizations;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** Who may call the contract routes. Ordered early so these exact rules win over broader ones (first match applies). */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class ContractRoutes implements RouteAuthorizations {

    @Override
    public void declare(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers(HttpMethod.POST, "/api/bids/*/accept", "/api/contracts/*/cancel")
                .hasRole(Role.HOMEOWNER.name())
                .requestMatchers(HttpMethod.GET, "/api/contracts/*", "/api/me/contracts")
                .authenticated();
    }
}
