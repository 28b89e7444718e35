package com.fairtradeworker.reviews;

import com.fairtradeworker.identity.Role;
import com.fairtradeworker.platform.RouteAuthorizations;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may call the review routes. Writing is for homeowners and contractors (admins moderate through the admin
 * route); whether the caller is a party of the contract, or the reviewed party, is checked behind these rules. A
 * user's published reviews are public. Ordered early so these exact rules win over broader ones (first match applies).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class ReviewRoutes implements RouteAuthorizations {

    @Override
    public void declare(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers(HttpMethod.POST, "/api/contracts/*/review", "/api/reviews/*/reply")
                .hasAnyRole(Role.HOMEOWNER.name(), Role.CONTRACTOR.name())
                .requestMatchers(HttpMethod.GET, "/api/contracts/*/reviews")
                .authenticated()
                .requestMatchers(HttpMethod.GET, "/api/users/*/reviews")
                .permitAll()
                .requestMatchers(HttpMethod.POST, "/api/admin/reviews/*/hide")
                .hasRole(Role.ADMIN.name());
    }
}
