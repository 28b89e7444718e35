package com.fairtradeworker.platform.database;

/**
 * The two roles the service connects as: the runtime role serves requests and may not rewrite the journal or the audit
 * log; the migration role owns the schema and runs Flyway.
 */
public record DatabaseEndpoints(JdbcEndpoint runtime, JdbcEndpoint migration) {

    public String runtimeRole() {
        return runtime.username();
    }
}
