package io.tributary.metadata.config;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;
import static org.apache.kafka.common.config.ConfigDef.Range.atLeast;
import static org.apache.kafka.common.config.ConfigDef.Range.between;
import static org.apache.kafka.common.config.ConfigDef.Type.BOOLEAN;
import static org.apache.kafka.common.config.ConfigDef.Type.INT;
import static org.apache.kafka.common.config.ConfigDef.Type.LIST;
import static org.apache.kafka.common.config.ConfigDef.Type.LONG;
import static org.apache.kafka.common.config.ConfigDef.Type.SHORT;

import java.util.List;

import org.apache.kafka.common.config.ConfigDef;

/**
 * Group and transaction coordinator settings and their internal topics, with Kafka's names. The internal topics'
 * replication factor and min ISR default to 1 (Kafka: 3 and 2) so that a single node works out of the box.
 */
public final class CoordinatorConfigDefinitions {

    public static final String OFFSETS_TOPIC_NUM_PARTITIONS = "offsets.topic.num.partitions";
    public static final String OFFSETS_TOPIC_REPLICATION_FACTOR = "offsets.topic.replication.factor";
    public static final String OFFSETS_TOPIC_SEGMENT_BYTES = "offsets.topic.segment.bytes";
    public static final String GROUP_MIN_SESSION_TIMEOUT_MS = "group.min.session.timeout.ms";
    public static final String GROUP_MAX_SESSION_TIMEOUT_MS = "group.max.session.timeout.ms";
    public static final String GROUP_INITIAL_REBALANCE_DELAY_MS = "group.initial.rebalance.delay.ms";
    public static final String GROUP_MAX_SIZE = "group.max.size";
    public static final String OFFSETS_RETENTION_MINUTES = "offsets.retention.minutes";
    public static final String OFFSETS_RETENTION_CHECK_INTERVAL_MS = "offsets.retention.check.interval.ms";
    public static final String OFFSET_METADATA_MAX_BYTES = "offset.metadata.max.bytes";
    public static final String CONSUMER_SESSION_TIMEOUT_MS = "group.consumer.session.timeout.ms";
    public static final String CONSUMER_MIN_SESSION_TIMEOUT_MS = "group.consumer.min.session.timeout.ms";
    public static final String CONSUMER_MAX_SESSION_TIMEOUT_MS = "group.consumer.max.session.timeout.ms";
    public static final String CONSUMER_HEARTBEAT_INTERVAL_MS = "group.consumer.heartbeat.interval.ms";
    public static final String CONSUMER_MIN_HEARTBEAT_INTERVAL_MS = "group.consumer.min.heartbeat.interval.ms";
    public static final String CONSUMER_MAX_HEARTBEAT_INTERVAL_MS = "group.consumer.max.heartbeat.interval.ms";
    public static final String CONSUMER_ASSIGNORS = "group.consumer.assignors";
    public static final String CONSUMER_MAX_SIZE = "group.consumer.max.size";
    public static final String SHARE_SESSION_TIMEOUT_MS = "group.share.session.timeout.ms";
    public static final String SHARE_MIN_SESSION_TIMEOUT_MS = "group.share.min.session.timeout.ms";
    public static final String SHARE_MAX_SESSION_TIMEOUT_MS = "group.share.max.session.timeout.ms";
    public static final String SHARE_HEARTBEAT_INTERVAL_MS = "group.share.heartbeat.interval.ms";
    public static final String SHARE_MIN_HEARTBEAT_INTERVAL_MS = "group.share.min.heartbeat.interval.ms";
    public static final String SHARE_MAX_HEARTBEAT_INTERVAL_MS = "group.share.max.heartbeat.interval.ms";
    public static final String SHARE_RECORD_LOCK_DURATION_MS = "group.share.record.lock.duration.ms";
    public static final String SHARE_MIN_RECORD_LOCK_DURATION_MS = "group.share.min.record.lock.duration.ms";
    public static final String SHARE_MAX_RECORD_LOCK_DURATION_MS = "group.share.max.record.lock.duration.ms";
    public static final String SHARE_DELIVERY_COUNT_LIMIT = "group.share.delivery.count.limit";
    public static final String SHARE_PARTITION_MAX_RECORD_LOCKS = "group.share.partition.max.record.locks";
    public static final String SHARE_MAX_GROUPS = "group.share.max.groups";
    public static final String SHARE_MAX_SIZE = "group.share.max.size";
    public static final String SHARE_MAX_SHARE_SESSIONS = "group.share.max.share.sessions";
    public static final String SHARE_STATE_TOPIC_NUM_PARTITIONS = "share.coordinator.state.topic.num.partitions";
    public static final String SHARE_STATE_TOPIC_REPLICATION_FACTOR = "share.coordinator.state.topic.replication.factor";
    public static final String SHARE_STATE_TOPIC_MIN_ISR = "share.coordinator.state.topic.min.isr";
    public static final String SHARE_STATE_TOPIC_SEGMENT_BYTES = "share.coordinator.state.topic.segment.bytes";
    public static final String TRANSACTION_STATE_LOG_NUM_PARTITIONS = "transaction.state.log.num.partitions";
    public static final String TRANSACTION_STATE_LOG_REPLICATION_FACTOR = "transaction.state.log.replication.factor";
    public static final String TRANSACTION_STATE_LOG_MIN_ISR = "transaction.state.log.min.isr";
    public static final String TRANSACTION_STATE_LOG_SEGMENT_BYTES = "transaction.state.log.segment.bytes";
    public static final String TRANSACTION_MAX_TIMEOUT_MS = "transaction.max.timeout.ms";
    public static final String TRANSACTION_ABORT_CHECK_INTERVAL_MS = "transaction.abort.timed.out.transaction.cleanup.interval.ms";
    public static final String TRANSACTIONAL_ID_EXPIRATION_MS = "transactional.id.expiration.ms";
    public static final String TRANSACTION_PARTITION_VERIFICATION_ENABLE = "transaction.partition.verification.enable";
    public static final String ADD_PARTITIONS_TO_TXN_RETRY_BACKOFF_MS = "add.partitions.to.txn.retry.backoff.ms";
    public static final String ADD_PARTITIONS_TO_TXN_RETRY_BACKOFF_MAX_MS = "add.partitions.to.txn.retry.backoff.max.ms";

    private CoordinatorConfigDefinitions() {
    }

    static void define(ConfigDef def) {
        def.define(OFFSETS_TOPIC_NUM_PARTITIONS, INT, 50, atLeast(1), HIGH, "Partitions of __consumer_offsets.")
            .define(OFFSETS_TOPIC_REPLICATION_FACTOR, SHORT, (short) 1, atLeast(1), HIGH,
                "Replication factor of __consumer_offsets; Tributary's default is 1 (Kafka's is 3).")
            .define(OFFSETS_TOPIC_SEGMENT_BYTES, INT, 104_857_600, atLeast(1), HIGH, "Segment size of __consumer_offsets.")
            .define(GROUP_MIN_SESSION_TIMEOUT_MS, INT, 6000, MEDIUM, "Smallest session timeout a classic group member may ask for.")
            .define(GROUP_MAX_SESSION_TIMEOUT_MS, INT, 1_800_000, MEDIUM, "Largest session timeout a classic group member may ask for.")
            .define(GROUP_INITIAL_REBALANCE_DELAY_MS, INT, 3000, MEDIUM,
                "How long a new classic group waits for more members before its first rebalance.")
            .define(GROUP_MAX_SIZE, INT, Integer.MAX_VALUE, atLeast(1), MEDIUM, "Most members of a classic group.")
            .define(OFFSETS_RETENTION_MINUTES, INT, 7 * 24 * 60, atLeast(1), HIGH,
                "How long committed offsets of an empty group are kept.")
            .define(OFFSETS_RETENTION_CHECK_INTERVAL_MS, LONG, 600_000L, atLeast(1), HIGH, "How often expired offsets are removed.")
            .define(OFFSET_METADATA_MAX_BYTES, INT, 4096, HIGH, "Largest metadata string of a committed offset.")
            .define(CONSUMER_SESSION_TIMEOUT_MS, INT, 45_000, atLeast(1), MEDIUM,
                "Session timeout of consumer-protocol (KIP-848) group members; a group config may override it.")
            .define(CONSUMER_MIN_SESSION_TIMEOUT_MS, INT, 45_000, atLeast(1), MEDIUM,
                "Smallest consumer.session.timeout.ms a group config may set.")
            .define(CONSUMER_MAX_SESSION_TIMEOUT_MS, INT, 60_000, atLeast(1), MEDIUM,
                "Largest consumer.session.timeout.ms a group config may set.")
            .define(CONSUMER_HEARTBEAT_INTERVAL_MS, INT, 5000, atLeast(1), MEDIUM,
                "Heartbeat interval of consumer-protocol group members; a group config may override it.")
            .define(CONSUMER_MIN_HEARTBEAT_INTERVAL_MS, INT, 5000, atLeast(1), MEDIUM,
                "Smallest consumer.heartbeat.interval.ms a group config may set.")
            .define(CONSUMER_MAX_HEARTBEAT_INTERVAL_MS, INT, 15_000, atLeast(1), MEDIUM,
                "Largest consumer.heartbeat.interval.ms a group config may set.")
            .define(CONSUMER_ASSIGNORS, LIST, List.of("uniform", "range"), MEDIUM,
                "Server-side assignors of consumer-protocol groups, by name or class name; the first is the default.")
            .define(CONSUMER_MAX_SIZE, INT, Integer.MAX_VALUE, atLeast(1), MEDIUM, "Most members of a consumer-protocol group.")
            .define(SHARE_SESSION_TIMEOUT_MS, INT, 45_000, atLeast(1), MEDIUM, "Session timeout of share group members.")
            .define(SHARE_MIN_SESSION_TIMEOUT_MS, INT, 45_000, atLeast(1), MEDIUM,
                "Smallest share.session.timeout.ms a group config may set.")
            .define(SHARE_MAX_SESSION_TIMEOUT_MS, INT, 60_000, atLeast(1), MEDIUM,
                "Largest share.session.timeout.ms a group config may set.")
            .define(SHARE_HEARTBEAT_INTERVAL_MS, INT, 5000, atLeast(1), MEDIUM, "Heartbeat interval of share group members.")
            .define(SHARE_MIN_HEARTBEAT_INTERVAL_MS, INT, 5000, atLeast(1), MEDIUM,
                "Smallest share.heartbeat.interval.ms a group config may set.")
            .define(SHARE_MAX_HEARTBEAT_INTERVAL_MS, INT, 15_000, atLeast(1), MEDIUM,
                "Largest share.heartbeat.interval.ms a group config may set.")
            .define(SHARE_RECORD_LOCK_DURATION_MS, INT, 30_000, between(1000, 3_600_000), MEDIUM,
                "How long a share consumer holds the records it was given.")
            .define(SHARE_MIN_RECORD_LOCK_DURATION_MS, INT, 15_000, between(1000, 30_000), MEDIUM,
                "Smallest share.record.lock.duration.ms a group config may set.")
            .define(SHARE_MAX_RECORD_LOCK_DURATION_MS, INT, 60_000, between(30_000, 3_600_000), MEDIUM,
                "Largest share.record.lock.duration.ms a group config may set.")
            .define(SHARE_DELIVERY_COUNT_LIMIT, INT, 5, between(2, 10), MEDIUM,
                "How many times a share group delivers a record before archiving it (a poison record stops there).")
            .define(SHARE_PARTITION_MAX_RECORD_LOCKS, INT, 2000, between(100, 10_000), MEDIUM,
                "Most records of one share-partition in flight (acquired or waiting past the start offset).")
            .define(SHARE_MAX_GROUPS, INT, 10, between(1, 100), MEDIUM, "Most share groups a broker coordinates.")
            .define(SHARE_MAX_SIZE, INT, 200, between(10, 1000), MEDIUM, "Most members of one share group.")
            .define(SHARE_MAX_SHARE_SESSIONS, INT, 2000, atLeast(1), MEDIUM,
                "Most share sessions a broker keeps (SHARE_SESSION_LIMIT_REACHED beyond).")
            .define(SHARE_STATE_TOPIC_NUM_PARTITIONS, INT, 50, atLeast(1), HIGH, "Partitions of __share_group_state.")
            .define(SHARE_STATE_TOPIC_REPLICATION_FACTOR, SHORT, (short) 1, atLeast(1), HIGH,
                "Replication factor of __share_group_state; Tributary's default is 1 (Kafka's is 3).")
            .define(SHARE_STATE_TOPIC_MIN_ISR, SHORT, (short) 1, atLeast(1), HIGH,
                "min.insync.replicas of __share_group_state; Tributary's default is 1 (Kafka's is 2).")
            .define(SHARE_STATE_TOPIC_SEGMENT_BYTES, INT, 104_857_600, atLeast(1), HIGH,
                "Segment size of __share_group_state.")
            .define(TRANSACTION_STATE_LOG_NUM_PARTITIONS, INT, 50, atLeast(1), HIGH, "Partitions of __transaction_state.")
            .define(TRANSACTION_STATE_LOG_REPLICATION_FACTOR, SHORT, (short) 1, atLeast(1), HIGH,
                "Replication factor of __transaction_state; Tributary's default is 1 (Kafka's is 3).")
            .define(TRANSACTION_STATE_LOG_MIN_ISR, INT, 1, atLeast(1), HIGH,
                "min.insync.replicas of __transaction_state; Tributary's default is 1 (Kafka's is 2).")
            .define(TRANSACTION_STATE_LOG_SEGMENT_BYTES, INT, 104_857_600, atLeast(1), HIGH, "Segment size of __transaction_state.")
            .define(TRANSACTION_MAX_TIMEOUT_MS, INT, 900_000, atLeast(1), HIGH, "Largest transaction timeout a producer may ask for.")
            .define(TRANSACTION_ABORT_CHECK_INTERVAL_MS, INT, 10_000, atLeast(1), LOW,
                "How often transactions past their timeout are aborted.")
            .define(TRANSACTIONAL_ID_EXPIRATION_MS, INT, 604_800_000, atLeast(1), HIGH,
                "How long an idle transactional id is kept.")
            .define(TRANSACTION_PARTITION_VERIFICATION_ENABLE, BOOLEAN, true, LOW,
                "KIP-890: before a transactional producer's first write to a partition in a transaction, the "
                    + "partition leader verifies with the transaction coordinator that the partition is in the "
                    + "transaction (producers below transaction version 2; version 2 producers' partitions are "
                    + "always added by the leader). Dynamic.")
            .define(ADD_PARTITIONS_TO_TXN_RETRY_BACKOFF_MS, INT, 20, atLeast(1), HIGH,
                "KIP-890: the backoff between a partition leader's attempts to add a partition to a transaction "
                    + "(transaction version 2) while the coordinator answers CONCURRENT_TRANSACTIONS (the "
                    + "previous transaction's markers are still being written).")
            .define(ADD_PARTITIONS_TO_TXN_RETRY_BACKOFF_MAX_MS, INT, 100, atLeast(0), HIGH,
                "KIP-890: how long a partition leader keeps retrying such an add before the producer gets the "
                    + "retriable error; the check of transaction version 1 producers is not retried.");
    }
}
