package com.fairtradeworker.identity;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/** Builds the tokens an attacker would try: unsigned, other algorithms, other keys, edited claims. */
final class JwtForgery {

    private JwtForgery() {}

    static JWTClaimsSet.Builder claims(
            String userId, String role, String sessionId, Instant issuedAt, Instant expiresAt) {
        return new JWTClaimsSet.Builder()
                .issuer("fairtradeworker")
                .subject(userId)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .claim("role", role)
                .claim("sid", sessionId);
    }

    static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    static String signed(JWSAlgorithm algorithm, byte[] key, String keyId, JWTClaimsSet claims) {
        try {
            JWSHeader header = new JWSHeader.Builder(algorithm)
                    .keyID(keyId)
                    .type(JOSEObjectType.JWT)
                    .build();
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new MACSigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replaces the payload of a genuine token, keeping its header and signature. */
    static String withEditedPayload(String token, String oldText, String newText) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String edited = payload.replace(oldText, newText);
        if (edited.equals(payload)) {
            throw new IllegalArgumentException("nothing to edit");
        }
        return parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(edited.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];
    }
}
