package com.fairtradeworker.platform.redis;

import com.fairtradeworker.platform.config.AppProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the Redis server: {@code REDIS_URL} when set (TLS for {@code rediss://}), otherwise an embedded one. */
@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RedisConfiguration.class);

    /** {@code REDIS_URL} is set: a real server, as in production. */
    @Bean
    @ConditionalOnExpression("!'${app.redis.url:}'.isBlank()")
    RedisUrl externalRedis(AppProperties app) {
        RedisUrl url = RedisUrl.parse(app.redis().url());
        log.info("Redis: {}", url);
        return url;
    }

    /** No {@code REDIS_URL}: an embedded server, stopped only after everything that uses it. */
    @Bean
    @ConditionalOnExpression("'${app.redis.url:}'.isBlank()")
    RedisUrl embeddedRedis(EmbeddedRedisServer embeddedRedisServer) {
        return new RedisUrl("127.0.0.1", embeddedRedisServer.port(), 0, null, null, false);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${app.redis.url:}'.isBlank()")
    EmbeddedRedisServer embeddedRedisServer(AppProperties app) {
        if (app.environment().isProduction()) {
            throw new IllegalStateException("The embedded Redis server is refused in production: set REDIS_URL");
        }
        return EmbeddedRedisServer.start();
    }

    @Bean
    DataRedisConnectionDetails redisConnectionDetails(RedisUrl url) {
        return new DataRedisConnectionDetails() {
            @Override
            public String getUsername() {
                return url.username();
            }

            @Override
            public String getPassword() {
                return url.password();
            }

            @Override
            public SslBundle getSslBundle() {
                return url.tls() ? SslBundle.systemDefault() : null;
            }

            @Override
            public Standalone getStandalone() {
                return Standalone.of(url.host(), url.port(), url.database());
            }
        };
    }
}
