package com.fairtradeworker.platform.ratelimit;

import com.fairtradeworker.platform.redis.RedisUrl;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets kept in Redis through Bucket4j, over a Lettuce connection of their own (not Spring Data's), so its
 * timeouts can be short and its target can be a test proxy. Every failure, including a timeout, surfaces as
 * {@link RateLimitStoreUnavailableException}; callers decide whether that refuses or passes.
 */
final class RedisBuckets implements AutoCloseable {

    /** Keys outlive a full refill by this much, then Redis drops them: an expired bucket and a full one are alike. */
    private static final Duration KEEP_AFTER_FULL = Duration.ofSeconds(10);

    private final ClientResources resources;
    private final RedisClient client;
    private final String keyPrefix;
    private final TimeMeter timeMeter;
    private final Duration timeout;
    private StatefulRedisConnection<String, byte[]> connection;
    private volatile ProxyManager<String> proxyManager;

    RedisBuckets(RedisUrl target, String keyPrefix, Duration timeout, TimeMeter timeMeter) {
        this.keyPrefix = keyPrefix;
        this.timeMeter = timeMeter;
        this.timeout = timeout;
        // Reconnect quickly once Redis is back (Lettuce's default backs off to 30 s); limits refuse meanwhile.
        this.resources = ClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(
                        Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uriOf(target, timeout));
        this.client.setOptions(ClientOptions.builder()
                // While disconnected, fail at once rather than queue commands until they time out.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .build());
    }

    private static RedisURI uriOf(RedisUrl target, Duration timeout) {
        RedisURI.Builder uri = RedisURI.Builder.redis(target.host(), target.port())
                .withDatabase(target.database())
                .withSsl(target.tls())
                .withTimeout(timeout)
                .withClientName("ftw-rate-limits");
        if (target.password() != null && target.username() != null) {
            uri.withAuthentication(target.username(), target.password());
        } else if (target.password() != null) {
            uri.withPassword(target.password());
        }
        return uri.build();
    }

    /** Takes one token from the bucket under {@code key}, creating it full with {@code configuration} if absent. */
    ConsumptionProbe tryConsume(String key, BucketConfiguration configuration) {
        try {
            return proxyManager().getProxy(keyPrefix + key, () -> configuration).tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException e) {
            throw new RateLimitStoreUnavailableException(e);
        }
    }

    /**
     * Connects on first use rather than at start-up, so the service can start while Redis is briefly away (the limits
     * then refuse, and readiness reports Redis). Once connected, Lettuce reconnects by itself.
     */
    private ProxyManager<String> proxyManager() {
        ProxyManager<String> current = proxyManager;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (proxyManager == null) {
                connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
                proxyManager = Bucket4jLettuce.casBasedBuilder(connection)
                        .clientClock(timeMeter)
                        .requestTimeout(timeout)
                        .expirationAfterWrite(
                                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_FULL))
                        .build();
            }
            return proxyManager;
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
