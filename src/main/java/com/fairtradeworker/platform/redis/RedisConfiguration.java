package com.fairtradeworker.platform.redis;

import com.fairtradeworker.platform.config.AppProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/** Chooses the Redis server: {@code REDIS_URL} when set (TLS for {@code rediss://}), otherwise an embedded one. */
@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RedisConfiguration.class);

    @Bean
    RedisUrl redisUrl(AppProperties app, ObjectProvider<EmbeddedRedisServer> embedded) {
        if (!AppProperties.isSet(app.redis().url())) {
            return new RedisUrl("127.0.0.1", embedded.getObject().port(), 0, null, null, false);
        }
        RedisUrl url = RedisUrl.parse(app.redis().url());
        log.info("Redis: {}", url);
        return url;
    }

    @Bean(destroyMethod = "close")
    @Lazy // started only when no URL is configured
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
