package com.fairtradeworker.platform.redis;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fairtradeworker.platform.config.AppProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class EmbeddedRedisRefusalTest {

    @Test
    void productionRefusesTheEmbeddedServer() {
        AppProperties production = new Binder(new MapConfigurationPropertySource(Map.of("app.env", "production")))
                .bindOrCreate("app", Bindable.of(AppProperties.class));

        assertThatThrownBy(() -> new RedisConfiguration().embeddedRedisServer(production))
                .hasMessageContaining("refused in production");
    }
}
