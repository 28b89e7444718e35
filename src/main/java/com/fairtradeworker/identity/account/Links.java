package com.fairtradeworker.identity.account;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Links in e-mails point at the web front end ({@code FRONTEND_URL}), which calls the API with the token. */
@Component
class Links {

    private final String frontendUrl;

    Links(@Value("${app.frontend-url}") String frontendUrl) {
        this.frontendUrl = frontendUrl.replaceAll("/+$", "");
    }

    String verifyEmail(String token) {
        return frontendUrl + "/verify-email?token=" + encode(token);
    }

    String resetPassword(String token) {
        return frontendUrl + "/reset-password?token=" + encode(token);
    }

    String signIn() {
        return frontendUrl + "/sign-in";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
