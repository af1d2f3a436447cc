package io.tributary.broker.partition;

import io.tributary.storage.api.LogConfig;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.record.TimestampType;

/** Turns a topic's effective configuration (Kafka names, typed values) into the storage layer's settings. */
public final class LogConfigs {

    private LogConfigs() {
    }

    public static LogConfig from(Map<String, ?> effective) {
        List<String> policy = strings(effective.get(TopicConfig.CLEANUP_POLICY_CONFIG));
        LogConfig defaults = LogConfig.defaults();
        return LogConfig.builder()
                .segmentBytes(intOr(effective, TopicConfig.SEGMENT_BYTES_CONFIG, defaults.segmentBytes()))
                .segmentMs(longOr(effective, TopicConfig.SEGMENT_MS_CONFIG, defaults.segmentMs()))
                .retentionMs(longOr(effective, TopicConfig.RETENTION_MS_CONFIG, defaults.retentionMs()))
                .retentionBytes(longOr(effective, TopicConfig.RETENTION_BYTES_CONFIG, defaults.retentionBytes()))
                .compact(policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT))
                .delete(policy.contains(TopicConfig.CLEANUP_POLICY_DELETE))
                .maxMessageBytes(intOr(effective, TopicConfig.MAX_MESSAGE_BYTES_CONFIG, defaults.maxMessageBytes()))
                .timestampType(timestampType(effective.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG),
                        defaults.timestampType()))
                .timestampBeforeMaxMs(longOr(effective, TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG,
                        defaults.timestampBeforeMaxMs()))
                .timestampAfterMaxMs(longOr(effective, TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG,
                        defaults.timestampAfterMaxMs()))
                .deleteRetentionMs(longOr(effective, TopicConfig.DELETE_RETENTION_MS_CONFIG,
                        defaults.deleteRetentionMs()))
                .minCompactionLagMs(longOr(effective, TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG,
                        defaults.minCompactionLagMs()))
                .maxCompactionLagMs(longOr(effective, TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG,
                        defaults.maxCompactionLagMs()))
                .minCleanableDirtyRatio(doubleOr(effective, TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG,
                        defaults.minCleanableDirtyRatio()))
                .flushMessages(longOr(effective, TopicConfig.FLUSH_MESSAGES_INTERVAL_CONFIG, defaults.flushMessages()))
                .flushMs(longOr(effective, TopicConfig.FLUSH_MS_CONFIG, defaults.flushMs()))
                .indexIntervalBytes(intOr(effective, TopicConfig.INDEX_INTERVAL_BYTES_CONFIG,
                        defaults.indexIntervalBytes()))
                .segmentIndexBytes(intOr(effective, TopicConfig.SEGMENT_INDEX_BYTES_CONFIG,
                        defaults.segmentIndexBytes()))
                .fileDeleteDelayMs(longOr(effective, TopicConfig.FILE_DELETE_DELAY_MS_CONFIG,
                        defaults.fileDeleteDelayMs()))
                .preallocate(boolOr(effective, TopicConfig.PREALLOCATE_CONFIG, defaults.preallocate()))
                .compressionType(stringOr(effective, TopicConfig.COMPRESSION_TYPE_CONFIG, defaults.compressionType()))
                .build();
    }

    public static int minInsyncReplicas(Map<String, ?> effective) {
        return intOr(effective, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, 1);
    }

    private static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(v -> v.toString().trim().toLowerCase(Locale.ROOT)).toList();
        }
        if (value == null) {
            return List.of(TopicConfig.CLEANUP_POLICY_DELETE);
        }
        return List.of(value.toString().toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
    }

    private static TimestampType timestampType(Object value, TimestampType fallback) {
        if (value == null) {
            return fallback;
        }
        return "LogAppendTime".equalsIgnoreCase(value.toString()) ? TimestampType.LOG_APPEND_TIME
                : TimestampType.CREATE_TIME;
    }

    private static String stringOr(Map<String, ?> config, String key, String fallback) {
        Object value = config.get(key);
        return value == null ? fallback : value.toString();
    }

    private static int intOr(Map<String, ?> config, String key, int fallback) {
        Object value = config.get(key);
        return value == null ? fallback : (int) Math.min(Integer.MAX_VALUE, Long.parseLong(value.toString()));
    }

    private static long longOr(Map<String, ?> config, String key, long fallback) {
        Object value = config.get(key);
        return value == null ? fallback : Long.parseLong(value.toString());
    }

    private static double doubleOr(Map<String, ?> config, String key, double fallback) {
        Object value = config.get(key);
        return value == null ? fallback : Double.parseDouble(value.toString());
    }

    private static boolean boolOr(Map<String, ?> config, String key, boolean fallback) {
        Object value = config.get(key);
        return value == null ? fallback : Boolean.parseBoolean(value.toString());
    }
}
