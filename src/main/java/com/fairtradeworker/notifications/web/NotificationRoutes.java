package com.fairtradeworker.notifications.web;

import com.fairtradeworker.platform.RouteAuthorizations;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** Who may call the notification routes: any signed-in user, each for their own account only. */
@Component
class NotificationRoutes implements RouteAuthorizations {

    @Override
    public void declare(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry routes) {
        routes.requestMatchers(HttpMethod.GET, "/api/me/notification-preferences")
                .authenticated()
                .requestMatchers(HttpMethod.PUT, "/api/me/notification-preferences")
                .authenticated()
                .requestMatchers(HttpMethod.POST, "/api/me/phone-verification", "/api/me/phone-verification/confirm")
                .authenticated();
    }
}
