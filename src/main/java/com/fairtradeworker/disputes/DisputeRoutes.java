package com.fairtradeworker.disputes;

import com.fairtradeworker.identity.Role;
import com.fairtradeworker.platform.RouteAuthorizations;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may call the dispute routes. Changes are for homeowners and contractors (admins decide through the admin routes
 * instead); whether the caller is a party of the contract, and the opener or the other party, is checked behind
 * these rules (404 for anyone else). Ordered early so these exact rules win over broader ones (first match applies).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class DisputeRoutes implements RouteAuthorizations {

    @Override
    public void declare(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers(
                        HttpMethod.POST,
                        "/api/contracts/*/disputes",
                        "/api/disputes/*/response",
                        "/api/disputes/*/statements",
                        "/api/disputes/*/evidence",
                        "/api/disputes/*/withdraw")
                .hasAnyRole(Role.HOMEOWNER.name(), Role.CONTRACTOR.name())
                .requestMatchers(HttpMethod.GET, "/api/contracts/*/disputes", "/api/disputes/*")
                .authenticated()
                .requestMatchers("/api/admin/disputes", "/api/admin/disputes/**")
                .hasRole(Role.ADMIN.name());
    }
}
