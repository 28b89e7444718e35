package com.fairtradeworker.support;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A route that exists only in the test context, so the cross-cutting web rules (problems, limits, headers) can be
 * exercised before any business route exists. Found by component scanning of the test classes; opened to anyone by {@link TestInfrastructure}.
 */
@RestController
@RequestMapping("/api/test-probe")
class ProbeController {

    record ProbeRequest(
            @NotBlank @Size(max = 20) String name, @Positive long amountMinor) {}

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> echo(@Valid @RequestBody ProbeRequest request) {
        return Map.of("name", request.name(), "amountMinor", request.amountMinor());
    }

    @GetMapping("/failure")
    Map<String, Object> failure() {
        throw new IllegalStateException("SELECT secret FROM internals at com.fairtradeworker.Hidden");
    }
}
