package com.fairtradeworker.platform.database;

/** Where and as whom to connect over JDBC. The password never appears in {@link #toString()}. */
public record JdbcEndpoint(String jdbcUrl, String username, String password) {

    @Override
    public String toString() {
        return username + "@" + jdbcUrl;
    }
}
