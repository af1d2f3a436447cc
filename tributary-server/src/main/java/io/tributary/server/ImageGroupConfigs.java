package io.tributary.server;

import io.tributary.coordinator.group.GroupConfigOverrides;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.config.GroupConfigDefinitions;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigResource;

/** The group coordinator's view of group configs: what the current metadata image holds for a group. */
final class ImageGroupConfigs implements GroupConfigOverrides {

    private final Supplier<MetadataImage> image;

    ImageGroupConfigs(Supplier<MetadataImage> image) {
        this.image = image;
    }

    @Override
    public OptionalInt consumerSessionTimeoutMs(String groupId) {
        return intValue(groupId, GroupConfigDefinitions.CONSUMER_SESSION_TIMEOUT_MS);
    }

    @Override
    public OptionalInt consumerHeartbeatIntervalMs(String groupId) {
        return intValue(groupId, GroupConfigDefinitions.CONSUMER_HEARTBEAT_INTERVAL_MS);
    }

    /** Validated by the controller before it was written, so it parses. */
    private OptionalInt intValue(String groupId, String name) {
        String value = image.get().configs().configs(new ConfigResource(ConfigResource.Type.GROUP, groupId)).get(name);
        return value == null ? OptionalInt.empty()
                : OptionalInt.of((Integer) ConfigDef.parseType(name, value, ConfigDef.Type.INT));
    }
}
