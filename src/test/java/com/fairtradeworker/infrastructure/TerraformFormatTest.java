package com.fairtradeworker.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code terraform fmt -check -recursive} on infrastructure/terraform. fmt needs no providers, so it runs offline; it
 * also fails on HCL syntax errors. Skipped (not failed) on machines without a terraform binary.
 */
class TerraformFormatTest {

    @Test
    void configurationIsFormattedCanonically() throws IOException, InterruptedException {
        Optional<Path> terraform = terraformOnPath();
        assumeTrue(
                terraform.isPresent(),
                "terraform is not on the PATH: skipping `terraform fmt -check -recursive` (install Terraform to run it)");

        Process fmt = new ProcessBuilder(
                        terraform.get().toString(), "fmt", "-check", "-recursive", "-diff", "-no-color")
                .directory(ProjectFiles.terraformDirectory().toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(fmt.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(fmt.waitFor(2, TimeUnit.MINUTES))
                .as("terraform fmt finished")
                .isTrue();

        assertThat(fmt.exitValue())
                .as(
                        "terraform fmt -check -recursive found unformatted files; run `terraform fmt -recursive`:%n%s",
                        output)
                .isZero();
    }

    private static Optional<Path> terraformOnPath() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(File.pathSeparator))
                .map(directory -> Path.of(directory, "terraform"))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
