package com.fairtradeworker.jobs;

import com.fairtradeworker.identity.Role;
import com.fairtradeworker.platform.RouteAuthorizations;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** Who may call the job routes; object-level rules (whose job, which state) are in the service and visibility. */
@Component
class JobRoutes implements RouteAuthorizations {

    @Override
    public void declare(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers(HttpMethod.GET, "/api/jobs", "/api/jobs/{jobId}")
                .permitAll()
                .requestMatchers(HttpMethod.POST, "/api/jobs", "/api/jobs/{jobId}/publish", "/api/jobs/{jobId}/cancel")
                .hasRole(Role.HOMEOWNER.name())
                .requestMatchers(HttpMethod.PUT, "/api/jobs/{jobId}")
                .hasRole(Role.HOMEOWNER.name())
                .requestMatchers(HttpMethod.GET, "/api/me/jobs")
                .hasRole(Role.HOMEOWNER.name());
    }
}
