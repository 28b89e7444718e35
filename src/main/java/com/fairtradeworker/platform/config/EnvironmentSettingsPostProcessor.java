package com.fairtradeworker.platform.config;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Runs before any bean exists: refuses a bad configuration with one message listing every problem, and outside
 * production fills in safe generated defaults, saying so.
 */
class EnvironmentSettingsPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String DEVELOPMENT_DEFAULTS = "developmentDefaults";

    private final Log log;

    EnvironmentSettingsPostProcessor(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(EnvironmentSettingsPostProcessor.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        AppProperties app = Binder.get(environment).bindOrCreate("app", Bindable.of(AppProperties.class));
        List<String> problems = ConfigurationCheck.problems(app);
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        if (!app.environment().isProduction()) {
            applyDevelopmentDefaults(app, environment);
        }
    }

    private void applyDevelopmentDefaults(AppProperties app, ConfigurableEnvironment environment) {
        if (!AppProperties.isSet(app.jwtSecret())) {
            // First, because application.yml maps an unset JWT_SECRET to an empty value that would otherwise win.
            byte[] secret = new byte[64];
            new SecureRandom().nextBytes(secret);
            environment
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            DEVELOPMENT_DEFAULTS,
                            Map.of("app.jwt-secret", HexFormat.of().formatHex(secret))));
            log.warn("JWT_SECRET is not set: using a random secret generated for this run (" + app.env()
                    + " only; signed-in sessions end when the service restarts)");
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
