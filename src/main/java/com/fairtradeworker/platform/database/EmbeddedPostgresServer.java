package com.fairtradeworker.platform.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started in-process for development and tests when no {@code DATABASE_URL} is given. Its data
 * directory persists under {@code ./data/postgres} in development; tests use a throw-away directory.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final boolean ephemeral;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, boolean ephemeral) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.ephemeral = ephemeral;
    }

    public static EmbeddedPostgresServer start(Path dataRoot, boolean ephemeral) {
        try {
            Path dataDirectory = ephemeral
                    ? Files.createTempDirectory("ftw-postgres-")
                    : Files.createDirectories(dataRoot.resolve("postgres"))
                            .toAbsolutePath()
                            .normalize();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(ephemeral)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("fsync", ephemeral ? "off" : "on")
                    .setServerConfig("synchronous_commit", ephemeral ? "off" : "on")
                    .start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, dataDirectory, ephemeral);
            log.warn(
                    "DEVELOPMENT INFRASTRUCTURE: embedded PostgreSQL on 127.0.0.1:{}, data in {} ({}). Set DATABASE_URL to use a real server.",
                    postgres.getPort(),
                    dataDirectory,
                    ephemeral ? "deleted at exit" : "kept between runs");
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL server", e);
        }
    }

    /** A superuser connection to the given database, for bootstrapping roles and extensions. */
    DataSource superuserDataSource(String database) {
        return postgres.getDatabase("postgres", database);
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() {
        try {
            postgres.close();
            log.info("Embedded PostgreSQL stopped{}", ephemeral ? " and its data deleted" : "");
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
