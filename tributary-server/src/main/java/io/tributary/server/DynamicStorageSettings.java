package io.tributary.server;

import static io.tributary.metadata.config.BrokerConfigDefinitions.LOG_CLEANER_BACKOFF_MS;
import static io.tributary.metadata.config.ServerConfigDefinitions.PRODUCER_ID_EXPIRATION_MS;

import io.tributary.metadata.MetadataListener;
import io.tributary.metadata.config.ConfigDescriber;
import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.storage.DynamicStorageConfig;
import io.tributary.storage.LogManager;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Keeps the log manager's run-time settings in step with the broker configs of the metadata image (this broker's
 * dynamic value, else the cluster default, else server.properties, else Kafka's default). Applied once the image
 * is caught up at start-up, so values set with {@code kafka-configs} survive a restart, then on every change of a
 * broker config.
 */
final class DynamicStorageSettings implements MetadataListener {

    private final ConfigDescriber configs;
    private final LogManager logs;

    DynamicStorageSettings(ConfigDescriber configs, LogManager logs) {
        this.configs = configs;
        this.logs = logs;
    }

    void apply(MetadataImage image) {
        logs.reconfigure(new DynamicStorageConfig(
                ((Number) configs.brokerValue(image, LOG_CLEANER_BACKOFF_MS)).longValue(),
                ((Number) configs.brokerValue(image, PRODUCER_ID_EXPIRATION_MS)).intValue()));
    }

    @Override
    public void onMetadataUpdate(MetadataDelta delta, MetadataImage newImage) {
        if (delta == null || delta.changedConfigs().stream()
                .anyMatch(resource -> resource.type() == ConfigResource.Type.BROKER)) {
            apply(newImage);
        }
    }
}
