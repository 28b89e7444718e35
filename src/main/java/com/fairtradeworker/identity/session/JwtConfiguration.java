package com.fairtradeworker.identity.session;

import com.fairtradeworker.identity.AuthenticatedUser;
import com.fairtradeworker.identity.Role;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Access tokens are accepted only when signed with HS256 under our key (no {@code none}, no other algorithm, no other
 * key id), issued by us, unexpired by the injected clock, and backed by a live session in Redis: logout and "sign out
 * everywhere" take effect on the next request.
 */
@Configuration(proxyBeanMethods = false)
class JwtConfiguration {

    @Bean
    SecretKey jwtSigningKey(@Value("${app.jwt-secret}") String hexSecret) {
        return new SecretKeySpec(HexFormat.of().parseHex(hexSecret), "HmacSHA256");
    }

    @Bean
    JwtEncoder jwtEncoder(SecretKey jwtSigningKey) {
        OctetSequenceKey key = new OctetSequenceKey.Builder(jwtSigningKey)
                .keyID(AccessTokens.KEY_ID)
                .algorithm(JWSAlgorithm.HS256)
                .build();
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
    }

    @Bean
    JwtDecoder jwtDecoder(SecretKey jwtSigningKey, SessionStore sessions, Clock clock) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(jwtSigningKey)
                .macAlgorithm(AccessTokens.ALGORITHM)
                .build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ofSeconds(5));
        timestamps.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(
                timestamps,
                new JwtIssuerValidator(AccessTokens.ISSUER),
                JwtConfiguration::knownKeyId,
                requiredClaims(),
                liveSession(sessions))));
        return decoder;
    }

    /** Turns a validated token into the principal controllers receive, with the role as its authority. */
    @Bean
    Converter<Jwt, AbstractAuthenticationToken> jwtAuthenticationConverter() {
        return jwt -> {
            Role role = Role.valueOf(jwt.getClaimAsString("role"));
            var user = new AuthenticatedUser(
                    java.util.UUID.fromString(jwt.getSubject()), role, jwt.getClaimAsString("sid"));
            return new UserAuthentication(user, jwt, AuthorityUtils.createAuthorityList(role.authority()));
        };
    }

    private static OAuth2TokenValidatorResult knownKeyId(Jwt jwt) {
        return AccessTokens.KEY_ID.equals(jwt.getHeaders().get("kid"))
                ? OAuth2TokenValidatorResult.success()
                : failure("unknown key id");
    }

    private static OAuth2TokenValidator<Jwt> requiredClaims() {
        return jwt -> {
            try {
                java.util.UUID.fromString(jwt.getSubject());
                Role.valueOf(jwt.getClaimAsString("role"));
                return jwt.getClaimAsString("sid") != null && jwt.getExpiresAt() != null
                        ? OAuth2TokenValidatorResult.success()
                        : failure("missing claims");
            } catch (RuntimeException e) {
                return failure("malformed claims");
            }
        };
    }

    private static OAuth2TokenValidator<Jwt> liveSession(SessionStore sessions) {
        return jwt -> {
            boolean active;
            try {
                active = sessions.isActive(jwt.getClaimAsString("sid"));
            } catch (RuntimeException e) {
                // The session store is down: refuse rather than trust the token alone (answered with 503).
                throw new AuthenticationServiceException("Session store unavailable", e);
            }
            return active ? OAuth2TokenValidatorResult.success() : failure("session ended");
        };
    }

    private static OAuth2TokenValidatorResult failure(String reason) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", reason, null));
    }
}
