package com.fairtradeworker.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile's promises, read from its text (no Docker engine runs in these builds): a Maven Wrapper build stage,
 * a JRE runtime as a non-root user, container-aware memory, a liveness health check.
 */
class ContainerImageTest {

    private static String dockerfile;
    private static List<String> instructions;

    @BeforeAll
    static void readDockerfile() throws IOException {
        dockerfile = Files.readString(ProjectFiles.resolve("Dockerfile"));
        // Joins continuation lines and drops comments, as Docker's parser does.
        instructions =
                List.of(dockerfile
                                .replaceAll("(?m)^\\s*#.*\\n", "")
                                .replaceAll("\\\\\\n", " ")
                                .split("\\n"))
                        .stream()
                        .map(String::strip)
                        .filter(line -> !line.isEmpty())
                        .toList();
    }

    @Test
    void buildsWithTheMavenWrapperInASeparateStage() {
        assertThat(from()).hasSize(2);
        assertThat(from().get(0)).matches("FROM eclipse-temurin:\\d+-jdk AS build");
        assertThat(instructions)
                .anyMatch(line -> line.startsWith("RUN") && line.contains("./mvnw") && line.contains("package"));
    }

    @Test
    void runsOnATemurinJreAsANonRootUser() {
        assertThat(from().get(1)).matches("FROM eclipse-temurin:(21|25)-jre AS runtime");
        List<String> users =
                instructions.stream().filter(line -> line.startsWith("USER ")).toList();
        assertThat(users).isNotEmpty();
        assertThat(users.get(users.size() - 1)).doesNotContain("root").doesNotMatch("USER 0(:.*)?");
    }

    @Test
    void sizesTheJvmFromTheContainerAndStopsOnOutOfMemory() {
        assertThat(dockerfile).contains("-XX:MaxRAMPercentage=").contains("-XX:+ExitOnOutOfMemoryError");
        assertThat(dockerfile).doesNotContainPattern(Pattern.compile("-Xmx\\d"));
    }

    @Test
    void checksLivenessOnThePortTheServiceListensOn() {
        assertThat(instructions)
                .anyMatch(line -> line.startsWith("HEALTHCHECK") && line.contains("/actuator/health/liveness"));
        assertThat(dockerfile).doesNotContain("/actuator/health/readiness");
        assertThat(instructions).contains("EXPOSE 3000");
    }

    @Test
    void buildContextLeavesOutLocalStateAndSecrets() throws IOException {
        List<String> patterns = Files.readAllLines(ProjectFiles.resolve(".dockerignore")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();

        // Everything is excluded, then only what the build needs is let back in.
        assertThat(patterns.get(0)).isEqualTo("*");
        assertThat(patterns)
                .filteredOn(pattern -> pattern.startsWith("!"))
                .containsExactlyInAnyOrder("!.mvn/", "!mvnw", "!pom.xml", "!src/");
    }

    private static List<String> from() {
        return instructions.stream().filter(line -> line.startsWith("FROM ")).toList();
    }
}
