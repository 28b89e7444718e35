package com.fairtradeworker.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.identity.password.PasswordHasher;
import com.fairtradeworker.notifications.MailDispatcher;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Creates accounts the way users do (sign-up, the link in the e-mail, sign-in), each with a fresh address, so tests
 * never share users. Admins come from the database, as operators create them.
 */
public final class TestAccounts {

    public static final String PASSWORD = "Tangerine-Orbit-4471-Quokka";
    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_%-]+)");

    private final ApiClient api;
    private final MailDispatcher mail;
    private final JdbcClient jdbc;
    private final PasswordHasher hasher;

    TestAccounts(ApiClient api, MailDispatcher mail, JdbcClient jdbc, PasswordHasher hasher) {
        this.api = api;
        this.mail = mail;
        this.jdbc = jdbc;
        this.hasher = hasher;
    }

    public record SignedIn(
            UUID userId, String email, String password, String accessToken, String refreshToken, String sessionId) {}

    public static String uniqueEmail() {
        return "user-" + UUID.randomUUID().toString().substring(0, 13) + "@example.test";
    }

    public ApiClient.Response signUp(String email, String password, String accountType) {
        return api.post("/api/auth/signup")
                .json("""
                        {"email":"%s","password":"%s","displayName":"Test User","accountType":"%s"}
                        """.formatted(email, password, accountType))
                .send();
    }

    /** Delivers pending mail and returns every message this address has received, oldest first. */
    public List<MimeMessage> mailTo(String email) {
        mail.dispatchDue();
        return TestServers.mail().messagesTo(email);
    }

    /** The token in the newest link sent to the address. */
    public String latestToken(String email) {
        List<MimeMessage> messages = mailTo(email);
        assertThat(messages).as("mail to %s", email).isNotEmpty();
        Matcher matcher = TOKEN.matcher(TestMailServer.textOf(messages.get(messages.size() - 1)));
        assertThat(matcher.find()).as("a link with a token").isTrue();
        return java.net.URLDecoder.decode(matcher.group(1), java.nio.charset.StandardCharsets.UTF_8);
    }

    public SignedIn verifiedUser(String accountType) {
        String email = uniqueEmail();
        assertThat(signUp(email, PASSWORD, accountType).status()).isEqualTo(202);
        String token = latestToken(email);
        assertThat(api.post("/api/auth/email-verification")
                        .json("{\"token\":\"" + token + "\"}")
                        .send()
                        .status())
                .isEqualTo(200);
        return login(email, PASSWORD);
    }

    public SignedIn unverifiedUser(String accountType) {
        String email = uniqueEmail();
        assertThat(signUp(email, PASSWORD, accountType).status()).isEqualTo(202);
        return login(email, PASSWORD);
    }

    public SignedIn admin() {
        String email = uniqueEmail();
        Instant now = Instant.now();
        jdbc.sql("""
                INSERT INTO users (email, password_hash, display_name, role, status, email_verified_at, created_at, updated_at)
                VALUES (?, ?, 'Test Admin', 'ADMIN', 'ACTIVE', ?, ?, ?)
                """)
                .params(
                        email,
                        hasher.hash(PASSWORD),
                        java.sql.Timestamp.from(now),
                        java.sql.Timestamp.from(now),
                        java.sql.Timestamp.from(now))
                .update();
        return login(email, PASSWORD);
    }

    public SignedIn login(String email, String password) {
        ApiClient.Response response = api.post("/api/auth/login")
                .json("{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, password))
                .send();
        assertThat(response.status())
                .as("login of %s: %s", email, response.body())
                .isEqualTo(200);
        JsonNode body = response.json();
        return new SignedIn(
                UUID.fromString(body.get("userId").asString()),
                email,
                password,
                body.get("accessToken").asString(),
                body.get("refreshToken").asString(),
                body.get("sessionId").asString());
    }
}
