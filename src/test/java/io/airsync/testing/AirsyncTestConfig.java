package io.airsync.testing;

import io.airsync.config.AirsyncConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.PathConverter;
import io.quarkus.runtime.configuration.ZoneIdConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * An {@link AirsyncConfig} built from a map, with Quarkus' converters ("16M" durations...), for plain JUnit tests of
 * beans that take the config; the defaults are those of the {@code @WithDefault} annotations.
 */
public final class AirsyncTestConfig {

    private AirsyncTestConfig() {
    }

    public static AirsyncConfig of(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(AirsyncConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(Path.class, 200, new PathConverter())
                .withConverter(ZoneId.class, 200, new ZoneIdConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(AirsyncConfig.class);
    }
}
