package io.tributary.server;

import io.tributary.broker.share.ShareGroupConfigs;
import io.tributary.coordinator.share.ShareGroupSettings;
import io.tributary.metadata.config.GroupConfigDefinitions;
import io.tributary.metadata.image.MetadataImage;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.apache.kafka.common.config.ConfigResource;

/**
 * A share group's own settings (group configs in the current metadata image), else the broker's defaults: the
 * share group coordinator's (session timeout, heartbeat interval) and the share-partition leader's (record lock
 * duration, share.auto.offset.reset, share.isolation.level).
 */
final class ImageShareGroupConfigs implements ShareGroupSettings, ShareGroupConfigs {

    private final Supplier<MetadataImage> image;
    private final int defaultRecordLockDurationMs;

    ImageShareGroupConfigs(Supplier<MetadataImage> image, int defaultRecordLockDurationMs) {
        this.image = image;
        this.defaultRecordLockDurationMs = defaultRecordLockDurationMs;
    }

    @Override
    public OptionalInt sessionTimeoutMs(String groupId) {
        return intValue(groupId, GroupConfigDefinitions.SHARE_SESSION_TIMEOUT_MS);
    }

    @Override
    public OptionalInt heartbeatIntervalMs(String groupId) {
        return intValue(groupId, GroupConfigDefinitions.SHARE_HEARTBEAT_INTERVAL_MS);
    }

    @Override
    public int recordLockDurationMs(String groupId) {
        return intValue(groupId, GroupConfigDefinitions.SHARE_RECORD_LOCK_DURATION_MS)
                .orElse(defaultRecordLockDurationMs);
    }

    @Override
    public String autoOffsetReset(String groupId) {
        String value = value(groupId, GroupConfigDefinitions.SHARE_AUTO_OFFSET_RESET);
        return value == null ? "latest" : value;
    }

    @Override
    public boolean readCommitted(String groupId) {
        return "read_committed".equals(value(groupId, GroupConfigDefinitions.SHARE_ISOLATION_LEVEL));
    }

    /** Validated by the controller before it was written, so it parses. */
    private OptionalInt intValue(String groupId, String name) {
        String value = value(groupId, name);
        return value == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(value.trim()));
    }

    private String value(String groupId, String name) {
        return image.get().configs().configs(new ConfigResource(ConfigResource.Type.GROUP, groupId)).get(name);
    }
}
