package com.fairtradeworker.admin;

import com.fairtradeworker.identity.Role;
import com.fairtradeworker.platform.RouteAuthorizations;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** Who may call the admin views: admins only, whatever broader rule another module declares. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class AdminRoutes implements RouteAuthorizations {

    @Override
    public void declare(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers(HttpMethod.GET, "/api/admin/audit-logs", "/api/admin/audit-logs/export.csv")
                .hasRole(Role.ADMIN.name());
    }
}
