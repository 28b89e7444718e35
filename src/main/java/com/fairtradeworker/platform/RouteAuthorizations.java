package com.fairtradeworker.platform;

import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A module's declaration of who may call its routes. The security configuration applies every declaration before its
 * final rule, which denies whatever no declaration opened (deny by default).
 */
@FunctionalInterface
public interface RouteAuthorizations {

    void declare(AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry routes);
}
