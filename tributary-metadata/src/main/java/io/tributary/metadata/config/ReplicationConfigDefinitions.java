package io.tributary.metadata.config;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;
import static org.apache.kafka.common.config.ConfigDef.Range.atLeast;
import static org.apache.kafka.common.config.ConfigDef.Type.BOOLEAN;
import static org.apache.kafka.common.config.ConfigDef.Type.INT;
import static org.apache.kafka.common.config.ConfigDef.Type.LIST;
import static org.apache.kafka.common.config.ConfigDef.Type.LONG;
import static org.apache.kafka.common.config.ConfigDef.Type.STRING;

import java.util.List;

import org.apache.kafka.common.config.ConfigDef;

/** KRaft roles, the metadata quorum, broker liveness, leader balancing and replica fetching, with Kafka's names. */
public final class ReplicationConfigDefinitions {

    public static final String PROCESS_ROLES = "process.roles";
    public static final String QUORUM_VOTERS = "controller.quorum.voters";
    public static final String QUORUM_BOOTSTRAP_SERVERS = "controller.quorum.bootstrap.servers";
    public static final String CONTROLLER_LISTENER_NAMES = "controller.listener.names";
    public static final String INTER_BROKER_LISTENER_NAME = "inter.broker.listener.name";
    public static final String SECURITY_INTER_BROKER_PROTOCOL = "security.inter.broker.protocol";
    public static final String ELECTION_TIMEOUT_MS = "controller.quorum.election.timeout.ms";
    public static final String APPEND_TIMEOUT_MS = "controller.quorum.append.timeout.ms";
    public static final String METADATA_SNAPSHOT_MAX_NEW_RECORD_BYTES = "metadata.log.max.record.bytes.between.snapshots";
    public static final String METADATA_SNAPSHOT_MAX_INTERVAL_MS = "metadata.log.max.snapshot.interval.ms";
    public static final String METADATA_LOG_SEGMENT_BYTES = "metadata.log.segment.bytes";
    public static final String BROKER_SESSION_TIMEOUT_MS = "broker.session.timeout.ms";
    public static final String BROKER_HEARTBEAT_INTERVAL_MS = "broker.heartbeat.interval.ms";
    public static final String BROKER_LIVENESS_PROBE_ENABLE = "tributary.broker.liveness.probe.enable";
    public static final String BROKER_LIVENESS_PROBE_TIMEOUT_MS = "tributary.broker.liveness.probe.timeout.ms";
    public static final String AUTO_LEADER_REBALANCE_ENABLE = "auto.leader.rebalance.enable";
    public static final String LEADER_IMBALANCE_CHECK_INTERVAL_SECONDS = "leader.imbalance.check.interval.seconds";
    public static final String LEADER_IMBALANCE_PER_BROKER_PERCENTAGE = "leader.imbalance.per.broker.percentage";
    public static final String LEADER_REPLICATION_THROTTLED_RATE = "leader.replication.throttled.rate";
    public static final String FOLLOWER_REPLICATION_THROTTLED_RATE = "follower.replication.throttled.rate";
    public static final String REPLICA_LAG_TIME_MAX_MS = "replica.lag.time.max.ms";
    public static final String REPLICA_HIGH_WATERMARK_CHECKPOINT_INTERVAL_MS =
        "replica.high.watermark.checkpoint.interval.ms";
    public static final String REPLICA_FETCH_WAIT_MAX_MS = "replica.fetch.wait.max.ms";
    public static final String REPLICA_FETCH_MIN_BYTES = "replica.fetch.min.bytes";
    public static final String REPLICA_FETCH_MAX_BYTES = "replica.fetch.max.bytes";
    public static final String REPLICA_FETCH_RESPONSE_MAX_BYTES = "replica.fetch.response.max.bytes";
    public static final String REPLICA_FETCH_BACKOFF_MS = "replica.fetch.backoff.ms";
    public static final String REPLICA_SOCKET_TIMEOUT_MS = "replica.socket.timeout.ms";
    public static final String REPLICA_SELECTOR_CLASS = "replica.selector.class";

    private static final List<String> SECURITY_PROTOCOLS = List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

    private ReplicationConfigDefinitions() {
    }

    static void define(ConfigDef def) {
        def.define(PROCESS_ROLES, LIST, List.of(), ConfigDef.ValidList.in("broker", "controller"), HIGH,
                "Roles of this node: empty for a single broker over a local metadata log; in a cluster broker,controller "
                    + "(a combined node), controller (a voter of the metadata quorum that serves no client data) or "
                    + "broker (follows the committed metadata log from the controllers without voting).")
            .define(QUORUM_VOTERS, LIST, List.of(), HIGH,
                "Every voter of the metadata quorum as id@host:port (its controller listener), the same list on "
                    + "every node.")
            .define(QUORUM_BOOTSTRAP_SERVERS, LIST, List.of(), HIGH,
                "host:port of some controllers' controller listeners (KIP-853), where a broker-only node finds the "
                    + "controllers when controller.quorum.voters is not set.")
            .define(CONTROLLER_LISTENER_NAMES, STRING, null, HIGH,
                "Listener names of the controller; its port carries the Kafka protocol (the controller's APIs) and "
                    + "Raft. Defaults to CONTROLLER on a cluster member.")
            .define(INTER_BROKER_LISTENER_NAME, STRING, null, MEDIUM,
                "Listener brokers use to reach each other and the active controller; defaults to the listener named "
                    + "after security.inter.broker.protocol when that is set, else to the first broker listener.")
            .define(SECURITY_INTER_BROKER_PROTOCOL, STRING, null, ConfigDef.LambdaValidator.with((name, value) -> {
                if (value != null && !SECURITY_PROTOCOLS.contains(value)) {
                    throw new org.apache.kafka.common.config.ConfigException(name, value,
                        "must be one of " + SECURITY_PROTOCOLS);
                }
            }, SECURITY_PROTOCOLS::toString), MEDIUM,
                "Security protocol brokers use to reach each other: the listener of that name. Set only one of this "
                    + "and inter.broker.listener.name (Kafka's default is PLAINTEXT; Tributary's unset means the first "
                    + "broker listener).")
            .define(ELECTION_TIMEOUT_MS, INT, 1000, atLeast(1), HIGH,
                "Raft election timeout; Ratis randomizes it between this and twice this.")
            .define(APPEND_TIMEOUT_MS, LONG, 30_000L, atLeast(1), MEDIUM,
                "Tributary: how long a metadata write waits for a majority of the quorum.")
            .define(METADATA_SNAPSHOT_MAX_NEW_RECORD_BYTES, LONG, 20L * 1024 * 1024, atLeast(1), HIGH,
                "The most bytes of metadata records the log takes after the latest snapshot before the image is "
                    + "snapshotted again (the log's older part is then deleted, and a restart loads the snapshot "
                    + "instead of replaying them).")
            .define(METADATA_SNAPSHOT_MAX_INTERVAL_MS, LONG, 3_600_000L, atLeast(0), HIGH,
                "The longest time after the latest snapshot before the image is snapshotted again, if any record "
                    + "came meanwhile; checked as records are applied. 0 disables time-based snapshots.")
            .define(METADATA_LOG_SEGMENT_BYTES, INT, 32 * 1024 * 1024, atLeast(64 * 1024), MEDIUM,
                "Size of a segment of the Raft metadata log (a cluster member's); closed segments a snapshot covers "
                    + "are deleted. Tributary's default is Ratis's 32 MiB (Kafka: 1 GiB). A single node's local "
                    + "log starts a new segment at each snapshot instead.")
            .define(BROKER_SESSION_TIMEOUT_MS, INT, 9000, atLeast(1), MEDIUM,
                "A broker without a heartbeat for this long is fenced.")
            .define(BROKER_HEARTBEAT_INTERVAL_MS, INT, 2000, atLeast(1), MEDIUM,
                "Interval between a broker's heartbeats to the active controller.")
            .define(BROKER_LIVENESS_PROBE_ENABLE, BOOLEAN, true, MEDIUM,
                "Tributary: the active controller keeps an idle connection to every unfenced broker and fences a "
                    + "broker at once when two probes in a row find its process gone (connection refused, or "
                    + "closed without an answer), instead of after broker.session.timeout.ms. A broker that is "
                    + "paused or cut off still gets its full session. On a combined node, the followers of the "
                    + "metadata quorum watch the Raft leader's inter-broker listener the same way and start the "
                    + "election at once when its process is gone. Probes speak plaintext Kafka: a TLS "
                    + "inter-broker listener is not probed.")
            .define(BROKER_LIVENESS_PROBE_TIMEOUT_MS, INT, 1000, atLeast(1), MEDIUM,
                "Tributary: how long a liveness probe waits to connect and for an answer; without either the "
                    + "broker is left to its session timeout.")
            .define(AUTO_LEADER_REBALANCE_ENABLE, BOOLEAN, true, HIGH,
                "Whether the controller moves leadership back to preferred replicas.")
            .define(LEADER_IMBALANCE_CHECK_INTERVAL_SECONDS, LONG, 300L, atLeast(1), HIGH,
                "How often the controller checks leader balance.")
            .define(LEADER_REPLICATION_THROTTLED_RATE, LONG, Long.MAX_VALUE, atLeast(0), MEDIUM,
                "Bytes per second a leader may send to followers catching up on the replicas listed in "
                    + "leader.replication.throttled.replicas (KIP-73; kafka-reassign-partitions --throttle sets it); "
                    + "in-sync followers are never throttled.")
            .define(FOLLOWER_REPLICATION_THROTTLED_RATE, LONG, Long.MAX_VALUE, atLeast(0), MEDIUM,
                "Bytes per second this broker's replica fetchers may pull for the replicas listed in "
                    + "follower.replication.throttled.replicas while they are not caught up (KIP-73).")
            .define(LEADER_IMBALANCE_PER_BROKER_PERCENTAGE, INT, 10, atLeast(0), HIGH,
                "The share of a broker's preferred partitions (in percent) that may be led elsewhere before the "
                    + "controller moves their leadership back (Kafka's ZooKeeper-mode rule; its KRaft controller "
                    + "rebalances at any imbalance).")
            .define(REPLICA_LAG_TIME_MAX_MS, LONG, 30_000L, HIGH,
                "A follower not caught up with the leader for this long leaves the ISR.")
            .define(REPLICA_HIGH_WATERMARK_CHECKPOINT_INTERVAL_MS, LONG, 5_000L, HIGH,
                "How often the high watermarks are saved to disk (replication-offset-checkpoint).")
            .define(REPLICA_FETCH_WAIT_MAX_MS, INT, 500, MEDIUM, "Longest wait of a follower fetch on the leader.")
            .define(REPLICA_FETCH_MIN_BYTES, INT, 1, HIGH, "Bytes a follower fetch waits for before the leader answers.")
            .define(REPLICA_FETCH_MAX_BYTES, INT, 1_048_576, atLeast(0), MEDIUM, "Bytes a follower fetches per partition.")
            .define(REPLICA_FETCH_RESPONSE_MAX_BYTES, INT, 10_485_760, atLeast(0), MEDIUM,
                "Bytes a follower fetch response may carry in all.")
            .define(REPLICA_FETCH_BACKOFF_MS, INT, 1000, atLeast(0), MEDIUM, "Pause of a follower after a fetch error.")
            .define(REPLICA_SOCKET_TIMEOUT_MS, INT, 30_000, HIGH, "A follower fetch without an answer by then is retried.")
            .define(REPLICA_SELECTOR_CLASS, STRING, null, MEDIUM,
                "Class implementing org.apache.kafka.common.replica.ReplicaSelector (kafka-clients) that picks the "
                    + "replica a consumer fetching with client.rack should read from (KIP-392), e.g. "
                    + "org.apache.kafka.common.replica.RackAwareReplicaSelector. Unset: consumers read from the leader.")
            .define("num.replica.fetchers", INT, 1, HIGH,
                "Kafka's fetcher threads per source broker; Tributary runs one fetcher per source broker.");
    }
}
