package com.fairtradeworker.platform.redis;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A Redis location from {@code redis://[user:password@]host:port[/db]} or, with TLS, {@code rediss://...}. The password
 * never appears in {@link #toString()}.
 */
public record RedisUrl(String host, int port, int database, String username, String password, boolean tls) {

    public static RedisUrl parse(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "is not a valid URL (expected redis://host:6379 or rediss://:password@host:6379)");
        }
        boolean tls = "rediss".equals(uri.getScheme());
        if (!tls && !"redis".equals(uri.getScheme())) {
            throw new IllegalArgumentException("must start with redis:// or rediss://");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("has no host (expected redis://host:6379)");
        }
        String username = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String userInfo = uri.getRawUserInfo();
            int colon = userInfo.indexOf(':');
            username = colon < 0 ? null : emptyToNull(decode(userInfo.substring(0, colon)));
            password = colon < 0 ? decode(userInfo) : decode(userInfo.substring(colon + 1));
        }
        return new RedisUrl(
                uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(), database(uri), username, password, tls);
    }

    private static int database(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (path.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(path);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("has a database index that is not a number: '" + path + "'");
        }
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    @Override
    public String toString() {
        return (tls ? "rediss://" : "redis://") + host + ":" + port + "/" + database;
    }
}
