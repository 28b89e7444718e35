package com.fairtradeworker.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * Boots the whole service once for the suite, on a random port, against real PostgreSQL and Redis servers with every
 * migration applied. Every integration test uses exactly this annotation so the context is shared.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestInfrastructure.class, RateLimitTestInfrastructure.class})
@ContextConfiguration(initializers = TestServers.class)
public @interface IntegrationTest {}
