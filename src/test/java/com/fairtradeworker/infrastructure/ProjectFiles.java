package com.fairtradeworker.infrastructure;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates files of the repository, whatever directory the tests were started from. */
public final class ProjectFiles {

    private ProjectFiles() {}

    public static Path root() {
        Path candidate = Path.of("").toAbsolutePath();
        while (candidate != null) {
            if (Files.exists(candidate.resolve("mvnw")) && Files.exists(candidate.resolve("pom.xml"))) {
                return candidate;
            }
            candidate = candidate.getParent();
        }
        throw new IllegalStateException(
                "No project root (mvnw + pom.xml) above " + Path.of("").toAbsolutePath());
    }

    public static Path resolve(String relativePath) {
        return root().resolve(relativePath);
    }

    public static Path terraformDirectory() {
        return resolve("infrastructure/terraform");
    }
}
