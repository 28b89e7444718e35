package com.fairtradeworker.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API description at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI fairTradeWorkerApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("FairTradeWorker API")
                        .version("v1")
                        .description(
                                "Homeowners post jobs, contractors bid blind, escrow holds the money until the work"
                                        + " is approved. Each operation's description names the roles that may call it."
                                        + " Errors are RFC 9457 problem details with a stable type."))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")));
    }
}
