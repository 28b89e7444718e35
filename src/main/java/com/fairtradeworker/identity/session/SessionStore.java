package com.fairtradeworker.identity.session;

import com.fairtradeworker.identity.Role;
import com.fairtradeworker.identity.token.OneTimeToken;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Sessions live in Redis so that every instance sees a logout at once. A session holds the hash of its current refresh
 * token and the hashes of the ones already used: presenting a used one means the token was copied, and the session
 * ends. Rotation happens in one Lua script, so two concurrent refreshes with the same token cannot both succeed.
 */
@Component
public class SessionStore {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final RedisScript<String> ROTATE = RedisScript.of("""
            local current = redis.call('HGET', KEYS[1], 'refresh')
            if not current then return 'INVALID' end
            if current == ARGV[1] then
              redis.call('HSET', KEYS[1], 'refresh', ARGV[2], 'lastSeenAt', ARGV[3])
              redis.call('SADD', KEYS[2], ARGV[1])
              redis.call('PEXPIRE', KEYS[1], ARGV[4])
              redis.call('PEXPIRE', KEYS[2], ARGV[4])
              return 'ROTATED'
            end
            if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then
              redis.call('DEL', KEYS[1], KEYS[2])
              return 'REUSED'
            end
            return 'INVALID'
            """, String.class);

    private final StringRedisTemplate redis;
    private final SessionSettings settings;
    private final Clock clock;

    SessionStore(StringRedisTemplate redis, SessionSettings settings, Clock clock) {
        this.redis = redis;
        this.settings = settings;
        this.clock = clock;
    }

    /** Starts a session and returns it with its first refresh token ({@code <session id>.<secret>}). */
    public IssuedSession create(UUID userId, Role role, String ip, String userAgent) {
        String id = randomId();
        String secret = randomId() + randomId();
        Instant now = clock.instant();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("userId", userId.toString());
        fields.put("role", role.name());
        fields.put("createdAt", now.toString());
        fields.put("lastSeenAt", now.toString());
        fields.put("ip", ip == null ? "" : ip);
        fields.put("userAgent", userAgent == null ? "" : userAgent);
        fields.put("refresh", hash(secret));
        redis.opsForHash().putAll(sessionKey(id), fields);
        redis.expire(sessionKey(id), settings.refreshTokenLifetime());
        redis.opsForSet().add(userSessionsKey(userId), id);
        redis.expire(userSessionsKey(userId), settings.refreshTokenLifetime());
        return new IssuedSession(toSession(id, fields), id + "." + secret);
    }

    /** Rotates a refresh token; on {@link RefreshOutcome#ROTATED} the new token is in the result. */
    public Rotation rotate(String refreshToken) {
        int dot = refreshToken == null ? -1 : refreshToken.indexOf('.');
        if (dot <= 0 || dot == refreshToken.length() - 1) {
            return new Rotation(RefreshOutcome.INVALID, null, null);
        }
        String id = refreshToken.substring(0, dot);
        Optional<Session> session = find(id);
        if (session.isEmpty()) {
            return new Rotation(RefreshOutcome.INVALID, null, null);
        }
        String newSecret = randomId() + randomId();
        String outcome = redis.execute(
                ROTATE,
                List.of(sessionKey(id), usedKey(id)),
                hash(refreshToken.substring(dot + 1)),
                hash(newSecret),
                clock.instant().toString(),
                String.valueOf(settings.refreshTokenLifetime().toMillis()));
        RefreshOutcome result = RefreshOutcome.valueOf(outcome);
        if (result == RefreshOutcome.REUSED) {
            redis.opsForSet().remove(userSessionsKey(session.get().userId()), id);
        }
        return result == RefreshOutcome.ROTATED
                ? new Rotation(result, session.get(), id + "." + newSecret)
                : new Rotation(result, session.get(), null);
    }

    public Optional<Session> find(String id) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        Map<Object, Object> fields = redis.opsForHash().entries(sessionKey(id));
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        fields.forEach((key, value) -> values.put(key.toString(), value.toString()));
        return Optional.of(toSession(id, values));
    }

    /** The check behind every authenticated request: one round trip. */
    public boolean isActive(String id) {
        return id != null && Boolean.TRUE.equals(redis.hasKey(sessionKey(id)));
    }

    /** Records activity at most once per resolution interval, to keep the per-request cost at one read. */
    public void touch(Session session) {
        Instant now = clock.instant();
        if (session.lastSeenAt() == null || now.isAfter(session.lastSeenAt().plus(settings.lastSeenResolution()))) {
            redis.opsForHash().put(sessionKey(session.id()), "lastSeenAt", now.toString());
        }
    }

    public List<Session> list(UUID userId) {
        Set<String> ids = redis.opsForSet().members(userSessionsKey(userId));
        List<Session> sessions = new ArrayList<>();
        for (String id : ids == null ? Set.<String>of() : ids) {
            find(id).ifPresentOrElse(sessions::add, () -> redis.opsForSet().remove(userSessionsKey(userId), id));
        }
        sessions.sort((a, b) -> b.lastSeenAt().compareTo(a.lastSeenAt()));
        return sessions;
    }

    public void revoke(UUID userId, String id) {
        redis.delete(List.of(sessionKey(id), usedKey(id)));
        redis.opsForSet().remove(userSessionsKey(userId), id);
    }

    /** Ends every session of the user except {@code keep} (null ends them all). Returns how many ended. */
    public int revokeAll(UUID userId, String keep) {
        Set<String> ids = redis.opsForSet().members(userSessionsKey(userId));
        int revoked = 0;
        for (String id : ids == null ? Set.<String>of() : ids) {
            if (!id.equals(keep)) {
                revoke(userId, id);
                revoked++;
            }
        }
        return revoked;
    }

    private Session toSession(String id, Map<String, String> fields) {
        return new Session(
                id,
                UUID.fromString(fields.get("userId")),
                Role.valueOf(fields.get("role")),
                Instant.parse(fields.get("createdAt")),
                Instant.parse(fields.get("lastSeenAt")),
                emptyToNull(fields.get("ip")),
                emptyToNull(fields.get("userAgent")));
    }

    private String sessionKey(String id) {
        return settings.keyPrefix() + "session:" + id;
    }

    private String usedKey(String id) {
        return settings.keyPrefix() + "session:" + id + ":used";
    }

    private String userSessionsKey(UUID userId) {
        return settings.keyPrefix() + "user-sessions:" + userId;
    }

    private static String hash(String secret) {
        return HexFormat.of().formatHex(OneTimeToken.hashOf(secret));
    }

    private static String randomId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** A new session with the refresh token to hand to the client once. */
    public record IssuedSession(Session session, String refreshToken) {
        @Override
        public String toString() {
            return "IssuedSession[" + session.id() + "]";
        }
    }

    /** The result of a refresh: the session it belonged to and, when rotated, the replacement token. */
    public record Rotation(RefreshOutcome outcome, Session session, String refreshToken) {
        @Override
        public String toString() {
            return "Rotation[" + outcome + "]";
        }
    }
}
