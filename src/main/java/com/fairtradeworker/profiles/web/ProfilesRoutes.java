package com.fairtradeworker.profiles.web;

import com.fairtradeworker.identity.Role;
import com.fairtradeworker.platform.RouteAuthorizations;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may call the profiles routes. Which role owns a profile is checked in the controllers, which answer 404 to
 * anyone else, as for anything that is not theirs.
 */
@Component
class ProfilesRoutes implements RouteAuthorizations {

    @Override
    public void declare(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers(HttpMethod.GET, "/api/trades", "/api/contractors/*")
                .permitAll()
                .requestMatchers(
                        "/api/me/homeowner-profile",
                        "/api/me/contractor-profile",
                        "/api/me/contractor-profile/verification",
                        "/api/me/personal-data")
                .authenticated()
                .requestMatchers(HttpMethod.DELETE, "/api/me")
                .authenticated()
                .requestMatchers("/api/admin/contractor-verifications", "/api/admin/contractors/*/verification")
                .hasRole(Role.ADMIN.name());
    }
}
