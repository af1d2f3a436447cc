package io.tributary.metadata.config;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;
import static org.apache.kafka.common.config.ConfigDef.Range.atLeast;
import static org.apache.kafka.common.config.ConfigDef.Range.between;
import static org.apache.kafka.common.config.ConfigDef.Type.BOOLEAN;
import static org.apache.kafka.common.config.ConfigDef.Type.DOUBLE;
import static org.apache.kafka.common.config.ConfigDef.Type.INT;
import static org.apache.kafka.common.config.ConfigDef.Type.LIST;
import static org.apache.kafka.common.config.ConfigDef.Type.LONG;
import static org.apache.kafka.common.config.ConfigDef.Type.SHORT;
import static org.apache.kafka.common.config.ConfigDef.Type.STRING;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.config.internals.BrokerSecurityConfigs;
import org.apache.kafka.common.record.internal.CompressionType;

/**
 * Every broker setting, defined once with Kafka's names, types, defaults, validators and importance: the one model
 * that server.properties is read through ({@link BrokerConfig}), DescribeConfigs describes, dynamic changes are
 * validated against and docs/configuration.md is generated from.
 */
public final class BrokerConfigDefinitions {

    public static final String NUM_PARTITIONS = "num.partitions";
    public static final String DEFAULT_REPLICATION_FACTOR = "default.replication.factor";
    public static final String AUTO_CREATE_TOPICS_ENABLE = "auto.create.topics.enable";
    public static final String LOG_FLUSH_SCHEDULER_INTERVAL_MS = "log.flush.scheduler.interval.ms";
    public static final String LOG_CLEANER_ENABLE = "log.cleaner.enable";
    public static final String LOG_CLEANER_BACKOFF_MS = "log.cleaner.backoff.ms";

    private static final String HOURS_FALLBACK = " Used only when the millisecond variant is not set.";

    /** The broker defaults of topic configs and the topic-creation defaults. */
    private static final ConfigDef LOG_DEFAULTS = new ConfigDef()
        .define(NUM_PARTITIONS, INT, 1, atLeast(1), MEDIUM, "Number of partitions of a topic created without an explicit count.")
        .define(DEFAULT_REPLICATION_FACTOR, SHORT, (short) 1, MEDIUM,
            "Replication factor of a topic created without an explicit one (including auto-created topics).")
        .define(AUTO_CREATE_TOPICS_ENABLE, BOOLEAN, true, HIGH,
            "Whether the broker creates a topic when a client asks for metadata of a topic that does not exist.")
        .define("delete.topic.enable", BOOLEAN, true, HIGH, "Whether topics may be deleted.")
        .define("log.segment.bytes", INT, TopicConfigDefinitions.DEFAULT_SEGMENT_BYTES, atLeast(1024 * 1024), HIGH,
            "Largest size of one log segment file.")
        .define("log.roll.ms", LONG, null, HIGH, "Longest time before a new log segment is rolled, in milliseconds.")
        .define("log.roll.hours", INT, 168, atLeast(1), HIGH,
            "Longest time before a new log segment is rolled, in hours." + HOURS_FALLBACK)
        .define("log.roll.jitter.ms", LONG, null, HIGH, "Largest random jitter subtracted from the roll time, in milliseconds.")
        .define("log.roll.jitter.hours", INT, 0, atLeast(0), HIGH,
            "Largest random jitter subtracted from the roll time, in hours." + HOURS_FALLBACK)
        .define("log.retention.ms", LONG, null, HIGH, "How long log segments are kept, in milliseconds; -1 keeps them forever.")
        .define("log.retention.minutes", INT, null, HIGH,
            "How long log segments are kept, in minutes. Used only when log.retention.ms is not set.")
        .define("log.retention.hours", INT, 168, HIGH,
            "How long log segments are kept, in hours. Used only when log.retention.ms and log.retention.minutes are not set.")
        .define("log.retention.bytes", LONG, -1L, HIGH, "Largest size a partition log may grow to before old segments are deleted.")
        .define("log.cleanup.policy", LIST, TopicConfig.CLEANUP_POLICY_DELETE,
            ConfigDef.ValidList.in(TopicConfig.CLEANUP_POLICY_COMPACT, TopicConfig.CLEANUP_POLICY_DELETE), MEDIUM,
            "Default cleanup policy of topics: delete, compact, or both.")
        .define("log.cleanup.interval.ms", LONG, 300_000L, atLeast(1), MEDIUM,
            "How often the broker checks whether logs are eligible for deletion.")
        .define("log.index.size.max.bytes", INT, TopicConfigDefinitions.DEFAULT_INDEX_SIZE_BYTES, atLeast(4), MEDIUM,
            "Largest size of an offset index file.")
        .define("log.index.interval.bytes", INT, TopicConfigDefinitions.DEFAULT_INDEX_INTERVAL_BYTES, atLeast(0), MEDIUM,
            "Bytes between two entries of the offset index.")
        .define("log.flush.interval.messages", LONG, Long.MAX_VALUE, atLeast(1), HIGH,
            "Messages accumulated on a partition before they are flushed to disk.")
        .define("log.flush.interval.ms", LONG, null, HIGH,
            "Longest time a message stays in memory before it is flushed; falls back to log.flush.scheduler.interval.ms.")
        .define(LOG_FLUSH_SCHEDULER_INTERVAL_MS, LONG, Long.MAX_VALUE, HIGH,
            "How often the log flusher checks whether any log needs flushing.")
        .define("log.segment.delete.delay.ms", LONG, TopicConfigDefinitions.DEFAULT_FILE_DELETE_DELAY_MS, atLeast(0), HIGH,
            "How long to wait before deleting a file from the file system.")
        .define("log.preallocate", BOOLEAN, false, MEDIUM, "Whether new segment files are preallocated.")
        .define(LOG_CLEANER_ENABLE, BOOLEAN, true, MEDIUM, "Whether the log cleaner (compaction) runs.")
        .define("log.cleaner.threads", INT, 1, atLeast(0), MEDIUM, "Number of log cleaner threads.")
        .define(LOG_CLEANER_BACKOFF_MS, LONG, 15_000L, atLeast(0), MEDIUM, "Sleep time of the cleaner when there is nothing to clean.")
        .define("log.cleaner.dedupe.buffer.size", LONG, 128L * 1024 * 1024, MEDIUM,
            "Memory used for log deduplication across all cleaner threads.")
        .define("log.cleaner.io.buffer.size", INT, 512 * 1024, atLeast(0), MEDIUM,
            "Memory used for cleaner I/O buffers across all cleaner threads.")
        .define("log.cleaner.io.buffer.load.factor", DOUBLE, 0.9, MEDIUM, "Load factor of the cleaner's dedupe buffer.")
        .define("log.cleaner.io.max.bytes.per.second", DOUBLE, Double.MAX_VALUE, MEDIUM,
            "Throttle on the cleaner's combined read and write I/O.")
        .define("log.cleaner.delete.retention.ms", LONG, TopicConfigDefinitions.DEFAULT_DELETE_RETENTION_MS, atLeast(0), MEDIUM,
            "How long delete tombstones are kept in compacted topics.")
        .define("log.cleaner.min.compaction.lag.ms", LONG, 0L, atLeast(0), MEDIUM,
            "Shortest time a message stays uncompacted.")
        .define("log.cleaner.max.compaction.lag.ms", LONG, Long.MAX_VALUE, atLeast(1), MEDIUM,
            "Longest time a message may stay ineligible for compaction.")
        .define("log.cleaner.min.cleanable.ratio", DOUBLE, 0.5, between(0, 1), MEDIUM,
            "Smallest ratio of dirty log to total log for a log to be cleaned.")
        .define("message.max.bytes", INT, TopicConfigDefinitions.DEFAULT_MAX_MESSAGE_BYTES, atLeast(0), HIGH,
            "Largest record batch size the broker accepts.")
        .define("min.insync.replicas", INT, 1, atLeast(1), HIGH,
            "Fewest in-sync replicas that must acknowledge a write with acks=all.")
        .define("unclean.leader.election.enable", BOOLEAN, false, HIGH,
            "Whether an out-of-sync replica may become leader as a last resort.")
        .define("compression.type", STRING, "producer", ConfigDef.ValidString.in(TopicConfigDefinitions.BROKER_COMPRESSION_TYPES),
            HIGH, "Default compression of topics; 'producer' keeps what the producer used.")
        .define("compression.gzip.level", INT, CompressionType.GZIP.defaultLevel(), CompressionType.GZIP.levelValidator(),
            MEDIUM, "Default gzip compression level.")
        .define("compression.lz4.level", INT, CompressionType.LZ4.defaultLevel(), CompressionType.LZ4.levelValidator(),
            MEDIUM, "Default lz4 compression level.")
        .define("compression.zstd.level", INT, CompressionType.ZSTD.defaultLevel(), CompressionType.ZSTD.levelValidator(),
            MEDIUM, "Default zstd compression level.")
        .define("log.message.timestamp.type", STRING, "CreateTime", ConfigDef.ValidString.in("CreateTime", "LogAppendTime"),
            MEDIUM, "Default timestamp type of topics.")
        .define("log.message.timestamp.before.max.ms", LONG, Long.MAX_VALUE, atLeast(0), MEDIUM,
            "How far a message timestamp may lag behind the broker's clock.")
        .define("log.message.timestamp.after.max.ms", LONG, TopicConfigDefinitions.DEFAULT_TIMESTAMP_AFTER_MAX_MS, atLeast(0),
            MEDIUM, "How far a message timestamp may run ahead of the broker's clock.")
        .define("log.local.retention.ms", LONG, -2L, atLeast(-2), MEDIUM,
            "How long segments are kept locally when tiered storage is on; -2 means log.retention.ms.")
        .define("log.local.retention.bytes", LONG, -2L, atLeast(-2), MEDIUM,
            "How many bytes are kept locally when tiered storage is on; -2 means log.retention.bytes.")
        // Tiered storage's settings that Kafka can change at run time; Tributary has no tiered storage.
        .define("remote.log.index.file.cache.total.size.bytes", LONG, 1024L * 1024 * 1024, atLeast(1), LOW,
            "Kafka's cache of remote log indexes; Tributary has no tiered storage.")
        .define("remote.fetch.max.wait.ms", INT, 500, atLeast(1), MEDIUM,
            "Kafka's wait of a fetch reading tiered storage; Tributary has no tiered storage.")
        .define("remote.log.manager.copy.max.bytes.per.second", LONG, Long.MAX_VALUE, atLeast(1), MEDIUM,
            "Kafka's throttle on copies to tiered storage; Tributary has no tiered storage.")
        .define("remote.log.manager.fetch.max.bytes.per.second", LONG, Long.MAX_VALUE, atLeast(1), MEDIUM,
            "Kafka's throttle on reads from tiered storage; Tributary has no tiered storage.")
        .define("remote.list.offsets.request.timeout.ms", LONG, 30_000L, atLeast(1), MEDIUM,
            "Kafka's timeout of offset look-ups in tiered storage; Tributary has no tiered storage.");

    /** Every broker setting: the topic defaults above, then the server, replication, coordinator and security ones. */
    public static final ConfigDef DEFINITION = allSettings();

    private static ConfigDef allSettings() {
        ConfigDef def = new ConfigDef(LOG_DEFAULTS);
        ServerConfigDefinitions.define(def);
        QuotaConfigDefinitions.define(def);
        ReplicationConfigDefinitions.define(def);
        CoordinatorConfigDefinitions.define(def);
        AuthorizerConfigDefinitions.define(def);
        ConsoleConfigDefinitions.define(def);
        // Kafka's own definitions of the SASL and SSL settings (names, types, defaults, which are passwords).
        BrokerSecurityConfigs.CONFIG_DEF.configKeys().values().forEach(def::define);
        return def;
    }

    /** Broker configs that IncrementalAlterConfigs / AlterConfigs may change without a restart (Kafka's list). */
    public static final Set<String> DYNAMIC = DynamicBrokerConfigs.ALL;

    private BrokerConfigDefinitions() {
    }

    public static Optional<ConfigDef.ConfigKey> key(String name) {
        return Optional.ofNullable(DEFINITION.configKeys().get(name));
    }

    /** The definition of a config, or of the config a {@code listener.name.NAME.} prefixed name overrides. */
    public static Optional<ConfigDef.ConfigKey> keyOrListenerBase(String name) {
        return key(name).or(() -> ListenerConfigs.baseName(name).flatMap(BrokerConfigDefinitions::key));
    }

    /** Kafka's rule: a config of unknown type might hold a secret, and so might a password. */
    public static boolean isSensitive(String name) {
        return keyOrListenerBase(name).map(k -> k.type == ConfigDef.Type.PASSWORD).orElse(true);
    }

    /** The broker configs that express the same setting, in priority order (e.g. retention in ms/minutes/hours). */
    public static List<String> synonymsOf(String name) {
        switch (name) {
            case "log.roll.ms":
            case "log.roll.hours":
                return List.of("log.roll.ms", "log.roll.hours");
            case "log.roll.jitter.ms":
            case "log.roll.jitter.hours":
                return List.of("log.roll.jitter.ms", "log.roll.jitter.hours");
            case "log.flush.interval.ms":
                return List.of("log.flush.interval.ms", "log.flush.scheduler.interval.ms");
            case "log.retention.ms":
            case "log.retention.minutes":
            case "log.retention.hours":
                return List.of("log.retention.ms", "log.retention.minutes", "log.retention.hours");
            default:
                return ListenerConfigs.synonymsOf(name);
        }
    }

    public static boolean isDynamic(String name) {
        return DYNAMIC.contains(name);
    }
}
