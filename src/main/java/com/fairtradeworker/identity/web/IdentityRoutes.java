package com.fairtradeworker.identity.web;

import com.fairtradeworker.identity.Role;
import com.fairtradeworker.platform.RouteAuthorizations;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** Who may call the identity routes. Each is named exactly, so no rule here shadows another module's. */
@Component
class IdentityRoutes implements RouteAuthorizations {

    @Override
    public void declare(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers(
                        HttpMethod.POST,
                        "/api/auth/signup",
                        "/api/auth/email-verification",
                        "/api/auth/login",
                        "/api/auth/refresh",
                        "/api/auth/password-reset",
                        "/api/auth/password-reset/confirmation")
                .permitAll()
                .requestMatchers(HttpMethod.POST, "/api/auth/logout")
                .authenticated()
                .requestMatchers(
                        "/api/me",
                        "/api/me/sessions",
                        "/api/me/sessions/{sessionId}",
                        "/api/me/password",
                        "/api/me/email",
                        "/api/me/email-verification")
                .authenticated()
                .requestMatchers("/api/admin/**")
                .hasRole(Role.ADMIN.name());
    }
}
