package com.fairtradeworker.platform.database;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Reads the plan's {@code postgresql://user:password@host:5432/db?sslmode=require} form (also {@code postgres://}) into
 * a JDBC endpoint. Query parameters are passed to the driver unchanged.
 */
public final class DatabaseUrl {

    private DatabaseUrl() {}

    public static JdbcEndpoint parse(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a valid URL (expected postgresql://user:password@host:5432/db)");
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException(
                    "must start with postgresql:// (expected postgresql://user:password@host:5432/db)");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("has no host (expected postgresql://user:password@host:5432/db)");
        }
        String database = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        if (database.isBlank()) {
            throw new IllegalArgumentException("names no database (expected postgresql://user:password@host:5432/db)");
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || userInfo.isBlank()) {
            throw new IllegalArgumentException("names no user (expected postgresql://user:password@host:5432/db)");
        }
        int colon = userInfo.indexOf(':');
        String username = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
        String password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String jdbcUrl = "jdbc:postgresql://" + uri.getHost() + ":" + port + "/" + decode(database) + query;
        return new JdbcEndpoint(jdbcUrl, username, password);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
