package com.fairtradeworker.identity.session;

import com.fairtradeworker.identity.AuthenticatedUser;
import java.util.Collection;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** A request authenticated by a valid access token; its name is the user id. */
class UserAuthentication extends AbstractAuthenticationToken {

    private final AuthenticatedUser user;
    private final Jwt token;

    UserAuthentication(AuthenticatedUser user, Jwt token, Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        this.user = user;
        this.token = token;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public AuthenticatedUser getPrincipal() {
        return user;
    }

    @Override
    public String getName() {
        return user.userId().toString();
    }
}
