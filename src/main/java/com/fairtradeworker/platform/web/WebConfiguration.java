package com.fairtradeworker.platform.web;

import com.fairtradeworker.platform.config.AppProperties;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import tools.jackson.databind.json.JsonMapper;

/** Request ids, body limits and CORS: the web rules that hold for every route. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    ClientIpResolver clientIpResolver(AppProperties app) {
        return new ClientIpResolver(new TrustedProxies(app.trustedProxies()));
    }

    @Bean
    ProblemWriter problemWriter(JsonMapper jsonMapper) {
        return new ProblemWriter(jsonMapper);
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter(ClientIpResolver clientIpResolver) {
        var registration = new FilterRegistrationBean<>(new RequestIdFilter(clientIpResolver));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Runs just inside the security filters, so even a 413 carries the security headers. */
    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
            @Value("${app.web.max-request-body:1MB}") DataSize maxBody,
            @Value("${app.web.max-upload-body:210MB}") DataSize maxUpload,
            ProblemWriter problemWriter) {
        var registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(maxBody.toBytes(), maxUpload.toBytes(), problemWriter));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(AppProperties app) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(List.of(app.frontendUrl().replaceAll("/+$", "")));
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
        cors.setAllowedHeaders(
                List.of("Authorization", "Content-Type", "Idempotency-Key", "X-Request-Id", "X-CSRF-Token"));
        cors.setExposedHeaders(List.of(
                "Location", "X-Request-Id", "Retry-After", "RateLimit", "RateLimit-Policy", "Idempotent-Replayed"));
        cors.setAllowCredentials(true);
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
