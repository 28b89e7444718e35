package com.fairtradeworker.bidding;

import com.fairtradeworker.identity.Role;
import com.fairtradeworker.platform.RouteAuthorizations;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may call the bidding routes. Ordered early so these exact rules win over any broader pattern another module
 * declares for {@code /api/jobs/**} (the first matching rule applies).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class BiddingRoutes implements RouteAuthorizations {

    @Override
    public void declare(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers(HttpMethod.POST, "/api/jobs/*/bids")
                .hasRole(Role.CONTRACTOR.name())
                .requestMatchers(HttpMethod.GET, "/api/jobs/*/bids")
                .authenticated()
                .requestMatchers(HttpMethod.GET, "/api/bids/*", "/api/bids/*/revisions", "/api/me/bids")
                .authenticated()
                .requestMatchers(HttpMethod.PUT, "/api/bids/*")
                .hasRole(Role.CONTRACTOR.name())
                .requestMatchers(HttpMethod.POST, "/api/bids/*/withdraw")
                .hasRole(Role.CONTRACTOR.name());
    }
}
