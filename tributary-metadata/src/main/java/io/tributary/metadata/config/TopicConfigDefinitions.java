package io.tributary.metadata.config;

import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;
import static org.apache.kafka.common.config.ConfigDef.Range.atLeast;
import static org.apache.kafka.common.config.ConfigDef.Range.between;
import static org.apache.kafka.common.config.ConfigDef.Type.BOOLEAN;
import static org.apache.kafka.common.config.ConfigDef.Type.DOUBLE;
import static org.apache.kafka.common.config.ConfigDef.Type.INT;
import static org.apache.kafka.common.config.ConfigDef.Type.LIST;
import static org.apache.kafka.common.config.ConfigDef.Type.LONG;
import static org.apache.kafka.common.config.ConfigDef.Type.STRING;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.record.internal.CompressionType;

/** Kafka 4.x topic-level configs: types, defaults, validators, docs, and the broker configs that default them. */
// message.downconversion.enable is deprecated but still a valid 4.x topic config.
@SuppressWarnings("deprecation")
public final class TopicConfigDefinitions {

    public static final String LEADER_REPLICATION_THROTTLED_REPLICAS = "leader.replication.throttled.replicas";
    public static final String FOLLOWER_REPLICATION_THROTTLED_REPLICAS = "follower.replication.throttled.replicas";

    static final long DEFAULT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000L;
    static final int DEFAULT_SEGMENT_BYTES = 1024 * 1024 * 1024;
    static final int DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024 + 12;
    static final int DEFAULT_INDEX_SIZE_BYTES = 10 * 1024 * 1024;
    static final int DEFAULT_INDEX_INTERVAL_BYTES = 4096;
    static final long DEFAULT_FILE_DELETE_DELAY_MS = 60_000L;
    static final long DEFAULT_DELETE_RETENTION_MS = 24 * 60 * 60 * 1000L;
    static final long DEFAULT_TIMESTAMP_AFTER_MAX_MS = 60 * 60 * 1000L;
    static final String[] BROKER_COMPRESSION_TYPES = {"uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"};

    public static final ConfigDef DEFINITION = new ConfigDef()
        .define(TopicConfig.SEGMENT_BYTES_CONFIG, INT, DEFAULT_SEGMENT_BYTES, atLeast(1024 * 1024), MEDIUM,
            TopicConfig.SEGMENT_BYTES_DOC)
        .define(TopicConfig.SEGMENT_MS_CONFIG, LONG, DEFAULT_RETENTION_MS, atLeast(1), MEDIUM, TopicConfig.SEGMENT_MS_DOC)
        .define(TopicConfig.SEGMENT_JITTER_MS_CONFIG, LONG, 0L, atLeast(0), MEDIUM, TopicConfig.SEGMENT_JITTER_MS_DOC)
        .define(TopicConfig.SEGMENT_INDEX_BYTES_CONFIG, INT, DEFAULT_INDEX_SIZE_BYTES, atLeast(4), MEDIUM,
            TopicConfig.SEGMENT_INDEX_BYTES_DOC)
        .define(TopicConfig.FLUSH_MESSAGES_INTERVAL_CONFIG, LONG, Long.MAX_VALUE, atLeast(1), MEDIUM,
            TopicConfig.FLUSH_MESSAGES_INTERVAL_DOC)
        .define(TopicConfig.FLUSH_MS_CONFIG, LONG, Long.MAX_VALUE, atLeast(0), MEDIUM, TopicConfig.FLUSH_MS_DOC)
        // Negative retention means "unlimited", hence no lower bound on bytes and -1 on time.
        .define(TopicConfig.RETENTION_BYTES_CONFIG, LONG, -1L, MEDIUM, TopicConfig.RETENTION_BYTES_DOC)
        .define(TopicConfig.RETENTION_MS_CONFIG, LONG, DEFAULT_RETENTION_MS, atLeast(-1), MEDIUM, TopicConfig.RETENTION_MS_DOC)
        .define(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, INT, DEFAULT_MAX_MESSAGE_BYTES, atLeast(0), MEDIUM,
            TopicConfig.MAX_MESSAGE_BYTES_DOC)
        .define(TopicConfig.INDEX_INTERVAL_BYTES_CONFIG, INT, DEFAULT_INDEX_INTERVAL_BYTES, atLeast(0), MEDIUM,
            TopicConfig.INDEX_INTERVAL_BYTES_DOC)
        .define(TopicConfig.DELETE_RETENTION_MS_CONFIG, LONG, DEFAULT_DELETE_RETENTION_MS, atLeast(0), MEDIUM,
            TopicConfig.DELETE_RETENTION_MS_DOC)
        .define(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, LONG, 0L, atLeast(0), MEDIUM, TopicConfig.MIN_COMPACTION_LAG_MS_DOC)
        .define(TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, LONG, Long.MAX_VALUE, atLeast(1), MEDIUM,
            TopicConfig.MAX_COMPACTION_LAG_MS_DOC)
        .define(TopicConfig.FILE_DELETE_DELAY_MS_CONFIG, LONG, DEFAULT_FILE_DELETE_DELAY_MS, atLeast(0), MEDIUM,
            TopicConfig.FILE_DELETE_DELAY_MS_DOC)
        .define(TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, DOUBLE, 0.5, between(0, 1), MEDIUM,
            TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_DOC)
        .define(TopicConfig.CLEANUP_POLICY_CONFIG, LIST, TopicConfig.CLEANUP_POLICY_DELETE,
            ConfigDef.ValidList.in(TopicConfig.CLEANUP_POLICY_COMPACT, TopicConfig.CLEANUP_POLICY_DELETE), MEDIUM,
            TopicConfig.CLEANUP_POLICY_DOC)
        .define(TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG, BOOLEAN, false, MEDIUM,
            TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_DOC)
        .define(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, INT, 1, atLeast(1), MEDIUM, TopicConfig.MIN_IN_SYNC_REPLICAS_DOC)
        .define(TopicConfig.COMPRESSION_TYPE_CONFIG, STRING, "producer", ConfigDef.ValidString.in(BROKER_COMPRESSION_TYPES),
            MEDIUM, TopicConfig.COMPRESSION_TYPE_DOC)
        .define(TopicConfig.COMPRESSION_GZIP_LEVEL_CONFIG, INT, CompressionType.GZIP.defaultLevel(),
            CompressionType.GZIP.levelValidator(), MEDIUM, TopicConfig.COMPRESSION_GZIP_LEVEL_DOC)
        .define(TopicConfig.COMPRESSION_LZ4_LEVEL_CONFIG, INT, CompressionType.LZ4.defaultLevel(),
            CompressionType.LZ4.levelValidator(), MEDIUM, TopicConfig.COMPRESSION_LZ4_LEVEL_DOC)
        .define(TopicConfig.COMPRESSION_ZSTD_LEVEL_CONFIG, INT, CompressionType.ZSTD.defaultLevel(),
            CompressionType.ZSTD.levelValidator(), MEDIUM, TopicConfig.COMPRESSION_ZSTD_LEVEL_DOC)
        .define(TopicConfig.PREALLOCATE_CONFIG, BOOLEAN, false, MEDIUM, TopicConfig.PREALLOCATE_DOC)
        .define(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, STRING, "CreateTime",
            ConfigDef.ValidString.in("CreateTime", "LogAppendTime"), MEDIUM, TopicConfig.MESSAGE_TIMESTAMP_TYPE_DOC)
        .define(TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG, LONG, Long.MAX_VALUE, atLeast(0), MEDIUM,
            TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_DOC)
        .define(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, LONG, DEFAULT_TIMESTAMP_AFTER_MAX_MS, atLeast(0), MEDIUM,
            TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_DOC)
        // Still accepted in 4.x for compatibility; down-conversion no longer exists so it has no effect.
        .define(TopicConfig.MESSAGE_DOWNCONVERSION_ENABLE_CONFIG, BOOLEAN, true, MEDIUM,
            TopicConfig.MESSAGE_DOWNCONVERSION_ENABLE_DOC)
        .define(LEADER_REPLICATION_THROTTLED_REPLICAS, LIST, "", ThrottledReplicaListValidator.INSTANCE, MEDIUM,
            "A list of replicas for which log replication should be throttled on the leader side. The list should "
                + "describe a set of replicas in the form [PartitionId]:[BrokerId],[PartitionId]:[BrokerId]:... or "
                + "alternatively the wildcard '*' can be used to throttle all replicas for this topic.")
        .define(FOLLOWER_REPLICATION_THROTTLED_REPLICAS, LIST, "", ThrottledReplicaListValidator.INSTANCE, MEDIUM,
            "A list of replicas for which log replication should be throttled on the follower side. The list should "
                + "describe a set of replicas in the form [PartitionId]:[BrokerId],[PartitionId]:[BrokerId]:... or "
                + "alternatively the wildcard '*' can be used to throttle all replicas for this topic.")
        .define(TopicConfig.REMOTE_LOG_STORAGE_ENABLE_CONFIG, BOOLEAN, false, MEDIUM, TopicConfig.REMOTE_LOG_STORAGE_ENABLE_DOC)
        .define(TopicConfig.LOCAL_LOG_RETENTION_MS_CONFIG, LONG, -2L, atLeast(-2), MEDIUM, TopicConfig.LOCAL_LOG_RETENTION_MS_DOC)
        .define(TopicConfig.LOCAL_LOG_RETENTION_BYTES_CONFIG, LONG, -2L, atLeast(-2), MEDIUM,
            TopicConfig.LOCAL_LOG_RETENTION_BYTES_DOC)
        .define(TopicConfig.REMOTE_LOG_COPY_DISABLE_CONFIG, BOOLEAN, false, MEDIUM, TopicConfig.REMOTE_LOG_COPY_DISABLE_DOC)
        .define(TopicConfig.REMOTE_LOG_DELETE_ON_DISABLE_CONFIG, BOOLEAN, false, MEDIUM,
            TopicConfig.REMOTE_LOG_DELETE_ON_DISABLE_DOC);

    /** Broker configs that default each topic config, highest priority first. */
    public static final Map<String, List<ConfigSynonym>> SYNONYMS = synonyms();

    private TopicConfigDefinitions() {
    }

    public static Optional<ConfigDef.ConfigKey> key(String name) {
        return Optional.ofNullable(DEFINITION.configKeys().get(name));
    }

    /** The highest-priority broker config behind a topic config, if any. */
    public static Optional<String> primaryServerName(String topicConfig) {
        List<ConfigSynonym> synonyms = SYNONYMS.get(topicConfig);
        return synonyms == null ? Optional.empty() : Optional.of(synonyms.get(0).name());
    }

    private static Map<String, List<ConfigSynonym>> synonyms() {
        Map<String, List<ConfigSynonym>> map = new LinkedHashMap<>();
        map.put(TopicConfig.SEGMENT_BYTES_CONFIG, List.of(ConfigSynonym.sameUnit("log.segment.bytes")));
        map.put(TopicConfig.SEGMENT_MS_CONFIG,
            List.of(ConfigSynonym.sameUnit("log.roll.ms"), ConfigSynonym.inHours("log.roll.hours")));
        map.put(TopicConfig.SEGMENT_JITTER_MS_CONFIG,
            List.of(ConfigSynonym.sameUnit("log.roll.jitter.ms"), ConfigSynonym.inHours("log.roll.jitter.hours")));
        map.put(TopicConfig.SEGMENT_INDEX_BYTES_CONFIG, List.of(ConfigSynonym.sameUnit("log.index.size.max.bytes")));
        map.put(TopicConfig.FLUSH_MESSAGES_INTERVAL_CONFIG, List.of(ConfigSynonym.sameUnit("log.flush.interval.messages")));
        map.put(TopicConfig.FLUSH_MS_CONFIG, List.of(ConfigSynonym.sameUnit("log.flush.interval.ms"),
            ConfigSynonym.sameUnit("log.flush.scheduler.interval.ms")));
        map.put(TopicConfig.RETENTION_BYTES_CONFIG, List.of(ConfigSynonym.sameUnit("log.retention.bytes")));
        map.put(TopicConfig.RETENTION_MS_CONFIG, List.of(ConfigSynonym.sameUnit("log.retention.ms"),
            ConfigSynonym.inMinutes("log.retention.minutes"), ConfigSynonym.inHours("log.retention.hours")));
        map.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, List.of(ConfigSynonym.sameUnit("message.max.bytes")));
        map.put(TopicConfig.INDEX_INTERVAL_BYTES_CONFIG, List.of(ConfigSynonym.sameUnit("log.index.interval.bytes")));
        map.put(TopicConfig.DELETE_RETENTION_MS_CONFIG, List.of(ConfigSynonym.sameUnit("log.cleaner.delete.retention.ms")));
        map.put(TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG,
            List.of(ConfigSynonym.sameUnit("log.cleaner.min.compaction.lag.ms")));
        map.put(TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG,
            List.of(ConfigSynonym.sameUnit("log.cleaner.max.compaction.lag.ms")));
        map.put(TopicConfig.FILE_DELETE_DELAY_MS_CONFIG, List.of(ConfigSynonym.sameUnit("log.segment.delete.delay.ms")));
        map.put(TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG,
            List.of(ConfigSynonym.sameUnit("log.cleaner.min.cleanable.ratio")));
        map.put(TopicConfig.CLEANUP_POLICY_CONFIG, List.of(ConfigSynonym.sameUnit("log.cleanup.policy")));
        map.put(TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG,
            List.of(ConfigSynonym.sameUnit("unclean.leader.election.enable")));
        map.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, List.of(ConfigSynonym.sameUnit("min.insync.replicas")));
        map.put(TopicConfig.COMPRESSION_TYPE_CONFIG, List.of(ConfigSynonym.sameUnit("compression.type")));
        map.put(TopicConfig.COMPRESSION_GZIP_LEVEL_CONFIG, List.of(ConfigSynonym.sameUnit("compression.gzip.level")));
        map.put(TopicConfig.COMPRESSION_LZ4_LEVEL_CONFIG, List.of(ConfigSynonym.sameUnit("compression.lz4.level")));
        map.put(TopicConfig.COMPRESSION_ZSTD_LEVEL_CONFIG, List.of(ConfigSynonym.sameUnit("compression.zstd.level")));
        map.put(TopicConfig.PREALLOCATE_CONFIG, List.of(ConfigSynonym.sameUnit("log.preallocate")));
        map.put(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, List.of(ConfigSynonym.sameUnit("log.message.timestamp.type")));
        map.put(TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG,
            List.of(ConfigSynonym.sameUnit("log.message.timestamp.before.max.ms")));
        map.put(TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG,
            List.of(ConfigSynonym.sameUnit("log.message.timestamp.after.max.ms")));
        map.put(TopicConfig.LOCAL_LOG_RETENTION_MS_CONFIG, List.of(ConfigSynonym.sameUnit("log.local.retention.ms")));
        map.put(TopicConfig.LOCAL_LOG_RETENTION_BYTES_CONFIG, List.of(ConfigSynonym.sameUnit("log.local.retention.bytes")));
        return Map.copyOf(map);
    }
}
