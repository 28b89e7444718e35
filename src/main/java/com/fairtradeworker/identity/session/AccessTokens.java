package com.fairtradeworker.identity.session;

import java.time.Clock;
import java.time.Instant;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/** Issues the short-lived access tokens: HS256 over {@code JWT_SECRET}, carrying the user, role and session. */
@Component
public class AccessTokens {

    static final String ISSUER = "fairtradeworker";
    static final String KEY_ID = "ftw-hs256-1";
    static final MacAlgorithm ALGORITHM = MacAlgorithm.HS256;

    private final JwtEncoder encoder;
    private final SessionSettings settings;
    private final Clock clock;

    AccessTokens(JwtEncoder encoder, SessionSettings settings, Clock clock) {
        this.encoder = encoder;
        this.settings = settings;
        this.clock = clock;
    }

    public IssuedAccessToken issue(Session session) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(settings.accessTokenLifetime());
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(session.userId().toString())
                .issuedAt(now)
                .expiresAt(expiresAt)
                .claim("role", session.role().name())
                .claim("sid", session.id())
                .build();
        JwsHeader header = JwsHeader.with(ALGORITHM).keyId(KEY_ID).build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new IssuedAccessToken(
                token, expiresAt, settings.accessTokenLifetime().toSeconds());
    }

    public record IssuedAccessToken(String value, Instant expiresAt, long expiresInSeconds) {
        @Override
        public String toString() {
            return "IssuedAccessToken[expiresAt=" + expiresAt + "]";
        }
    }
}
