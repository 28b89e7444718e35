package com.fairtradeworker.platform.security;

import com.fairtradeworker.platform.RouteAuthorizations;
import com.fairtradeworker.platform.config.AppProperties;
import com.fairtradeworker.platform.web.ProblemWriter;
import com.fairtradeworker.platform.web.Problems;
import com.fairtradeworker.shared.ProblemType;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Deny by default: a route is reachable only where a rule below (or a later module's) opens it. Every response, errors
 * included, carries the security headers; CORS admits only {@code FRONTEND_URL}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String API_CONTENT_SECURITY_POLICY =
            "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    static final String DOCS_CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private static final RequestMatcher ADMIN_AREA = new OrRequestMatcher(path("/api/admin"), path("/api/admin/**"));
    private static final RequestMatcher API_DOCS = new OrRequestMatcher(
            path("/swagger-ui/**"), path("/swagger-ui.html"), path("/v3/api-docs"), path("/v3/api-docs/**"));

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http,
            AppProperties app,
            ProblemWriter problems,
            List<RouteAuthorizations> modules,
            ObjectProvider<JwtDecoder> jwtDecoder,
            ObjectProvider<Converter<Jwt, AbstractAuthenticationToken>> jwtConverter)
            throws Exception {
        boolean production = app.environment().isProduction();
        var entryPoint = new ProblemAuthenticationEntryPoint(problems);
        JwtDecoder decoder = jwtDecoder.getIfAvailable();
        if (decoder != null) {
            http.oauth2ResourceServer(oauth -> oauth.authenticationEntryPoint(entryPoint)
                    .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(jwtConverter.getObject())));
        }
        http.csrf(AbstractHttpConfigurer::disable) // bearer tokens only so far; cookie sessions will bring CSRF tokens
                .cors(Customizer.withDefaults())
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> {
                    headers.frameOptions(frame -> frame.deny())
                            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                            .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                    API_DOCS, new ContentSecurityPolicyHeaderWriter(DOCS_CONTENT_SECURITY_POLICY)))
                            .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                    new NegatedRequestMatcher(API_DOCS),
                                    new ContentSecurityPolicyHeaderWriter(API_CONTENT_SECURITY_POLICY)));
                    if (production) {
                        // TLS ends at the load balancer, so the request looks insecure here: send HSTS regardless.
                        headers.httpStrictTransportSecurity(hsts -> hsts.requestMatcher(AnyRequestMatcher.INSTANCE)
                                .includeSubDomains(true)
                                .maxAgeInSeconds(31_536_000));
                    } else {
                        headers.httpStrictTransportSecurity(hsts -> hsts.disable());
                    }
                })
                .exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler((request, response, ex) -> problems.write(
                                request,
                                response,
                                ADMIN_AREA.matches(request)
                                        // The admin area does not exist for anyone else: every path under it,
                                        // served or not, answers the same 404.
                                        ? Problems.of(ProblemType.NOT_FOUND, "No such route.")
                                        : Problems.of(ProblemType.FORBIDDEN, "This route is not open to you."))))
                .authorizeHttpRequests(routes -> {
                    routes.requestMatchers("/error").permitAll();
                    routes.requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**")
                            .permitAll();
                    if (!production) {
                        routes.requestMatchers(HttpMethod.GET, "/actuator/prometheus", "/actuator/info")
                                .permitAll();
                    }
                    routes.requestMatchers(HttpMethod.GET, "/actuator/**").hasRole("ADMIN");
                    routes.requestMatchers(API_DOCS).permitAll();
                    modules.forEach(module -> module.declare(routes));
                    routes.anyRequest().denyAll();
                });
        return http.build();
    }

    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }
}
