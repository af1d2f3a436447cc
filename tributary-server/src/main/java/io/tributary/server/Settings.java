package io.tributary.server;

import static io.tributary.metadata.config.CoordinatorConfigDefinitions.CONSUMER_ASSIGNORS;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.CONSUMER_HEARTBEAT_INTERVAL_MS;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.CONSUMER_MAX_SIZE;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.CONSUMER_SESSION_TIMEOUT_MS;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.GROUP_INITIAL_REBALANCE_DELAY_MS;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.GROUP_MAX_SESSION_TIMEOUT_MS;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.GROUP_MAX_SIZE;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.GROUP_MIN_SESSION_TIMEOUT_MS;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.OFFSETS_RETENTION_CHECK_INTERVAL_MS;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.OFFSETS_RETENTION_MINUTES;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.OFFSETS_TOPIC_NUM_PARTITIONS;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.OFFSETS_TOPIC_REPLICATION_FACTOR;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.OFFSETS_TOPIC_SEGMENT_BYTES;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.OFFSET_METADATA_MAX_BYTES;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.TRANSACTIONAL_ID_EXPIRATION_MS;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.TRANSACTION_ABORT_CHECK_INTERVAL_MS;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.TRANSACTION_MAX_TIMEOUT_MS;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.TRANSACTION_STATE_LOG_MIN_ISR;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.TRANSACTION_STATE_LOG_NUM_PARTITIONS;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.TRANSACTION_STATE_LOG_REPLICATION_FACTOR;
import static io.tributary.metadata.config.CoordinatorConfigDefinitions.TRANSACTION_STATE_LOG_SEGMENT_BYTES;
import static io.tributary.metadata.config.ReplicationConfigDefinitions.REPLICA_FETCH_BACKOFF_MS;
import static io.tributary.metadata.config.ReplicationConfigDefinitions.REPLICA_FETCH_MAX_BYTES;
import static io.tributary.metadata.config.ReplicationConfigDefinitions.REPLICA_FETCH_MIN_BYTES;
import static io.tributary.metadata.config.ReplicationConfigDefinitions.REPLICA_FETCH_RESPONSE_MAX_BYTES;
import static io.tributary.metadata.config.ReplicationConfigDefinitions.REPLICA_FETCH_WAIT_MAX_MS;
import static io.tributary.metadata.config.ReplicationConfigDefinitions.REPLICA_SELECTOR_CLASS;
import static io.tributary.metadata.config.ReplicationConfigDefinitions.REPLICA_SOCKET_TIMEOUT_MS;
import static io.tributary.metadata.config.ServerConfigDefinitions.BROKER_RACK;
import static io.tributary.metadata.config.ServerConfigDefinitions.CLUSTER_ID;
import static io.tributary.metadata.config.ServerConfigDefinitions.CONNECTIONS_MAX_IDLE_MS;
import static io.tributary.metadata.config.ServerConfigDefinitions.DURABLE;
import static io.tributary.metadata.config.ServerConfigDefinitions.LISTENER_SECURITY_PROTOCOL_MAP;
import static io.tributary.metadata.config.ServerConfigDefinitions.LOG_FLUSH_OFFSET_CHECKPOINT_INTERVAL_MS;
import static io.tributary.metadata.config.ServerConfigDefinitions.LOG_RETENTION_CHECK_INTERVAL_MS;
import static io.tributary.metadata.config.ServerConfigDefinitions.NUM_NETWORK_THREADS;
import static io.tributary.metadata.config.ServerConfigDefinitions.NUM_RECOVERY_THREADS_PER_DATA_DIR;
import static io.tributary.metadata.config.ServerConfigDefinitions.PRODUCER_ID_EXPIRATION_CHECK_INTERVAL_MS;
import static io.tributary.metadata.config.ServerConfigDefinitions.PRODUCER_ID_EXPIRATION_MS;
import static io.tributary.metadata.config.ServerConfigDefinitions.SOCKET_RECEIVE_BUFFER_BYTES;
import static io.tributary.metadata.config.ServerConfigDefinitions.SOCKET_REQUEST_MAX_BYTES;
import static io.tributary.metadata.config.ServerConfigDefinitions.SOCKET_SEND_BUFFER_BYTES;

import io.tributary.broker.fetch.PreferredReadReplicas;
import io.tributary.broker.group.InternalTopics;
import io.tributary.broker.replica.ReplicaFetchConfig;
import io.tributary.coordinator.group.GroupCoordinatorConfig;
import io.tributary.coordinator.transaction.TransactionCoordinatorConfig;
import io.tributary.metadata.config.ReplicationConfigDefinitions;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.ControllerConfig;
import io.tributary.metadata.MetadataController;
import io.tributary.metadata.config.BrokerConfig;
import io.tributary.metadata.config.BrokerConfigDefinitions;
import io.tributary.metadata.log.LocalMetadataLog;
import io.tributary.metadata.log.MetaProperties;
import io.tributary.metadata.log.MetadataLog;
import io.tributary.metadata.snapshot.SnapshotPolicy;
import io.tributary.network.Endpoint;
import io.tributary.network.NetworkConfig;
import io.tributary.quorum.QuorumMetadataLog;
import io.tributary.server.observer.ObserverMetadataLog;
import io.tributary.network.client.NodeClient;
import io.tributary.storage.StorageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.replica.ReplicaSelector;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;

/**
 * Builds each module's typed settings from the broker's one config model ({@link BrokerConfig}, whose definitions
 * hold every name and default).
 */
final class Settings {

    private Settings() {
    }

    static StorageConfig storage(BrokerConfig c) {
        return new StorageConfig(c.logDirs(), c.getBoolean(DURABLE),
                c.getLong(LOG_RETENTION_CHECK_INTERVAL_MS),
                c.getLong(BrokerConfigDefinitions.LOG_FLUSH_SCHEDULER_INTERVAL_MS),
                c.getInt(LOG_FLUSH_OFFSET_CHECKPOINT_INTERVAL_MS),
                c.getBoolean(BrokerConfigDefinitions.LOG_CLEANER_ENABLE),
                c.getLong(BrokerConfigDefinitions.LOG_CLEANER_BACKOFF_MS),
                c.getInt(PRODUCER_ID_EXPIRATION_MS),
                c.getInt(PRODUCER_ID_EXPIRATION_CHECK_INTERVAL_MS),
                c.getLong(ReplicationConfigDefinitions.REPLICA_HIGH_WATERMARK_CHECKPOINT_INTERVAL_MS),
                c.getInt(NUM_RECOVERY_THREADS_PER_DATA_DIR));
    }

    /**
     * The metadata controller over its log: the local metadata log file on a single node, the Raft quorum (data
     * under {@code <metadata dir>/raft}) on a voter, the controllers' log fetched over {@code controllerClient} on
     * a broker-only node.
     */
    static MetadataController controller(BrokerConfig c, ClusterRoles roles, Map<String, HostPort> advertised,
                                         Time time, NodeClient controllerClient,
                                         java.util.function.UnaryOperator<MetadataLog> opened)
            throws IOException {
        Path dir = c.metadataLogDir();
        Files.createDirectories(dir);
        String clusterId = c.getString(CLUSTER_ID) != null ? c.getString(CLUSTER_ID) : roles.clusterId();
        if (clusterId == null && (roles.brokerOnly() || roles.joiningController())
                && !Files.exists(dir.resolve(MetaProperties.FILE_NAME))) {
            clusterId = ObserverMetadataLog.clusterIdOf(controllerClient, roles.controllerBootstrap());
        }
        MetaProperties meta = MetaProperties.loadOrCreate(dir, c.nodeId(), clusterId);
        ControllerConfig config = new ControllerConfig(c.nodeId(), meta.clusterId(), c,
                registeredListeners(advertised), rack(c));
        MetadataLog log;
        if (roles.brokerOnly()) {
            log = new ObserverMetadataLog(c.nodeId(), meta.directoryId(), meta.clusterId(), roles.voters(),
                    roles.controllerBootstrap(), controllerClient);
        } else if (roles.clusterMember()) {
            log = QuorumMetadataLog.open(roles.quorum(c, dir.resolve("raft"), meta.directoryId()),
                    roles.controllerListenerNames().iterator().next());
        } else {
            log = LocalMetadataLog.open(dir, c.nodeId(), snapshotPolicy(c));
        }
        // The controller does not close the log it is given: its opener does, after the controller.
        return new MetadataController(config, opened.apply(log), time);
    }

    /** When the metadata image is snapshotted: Kafka's two settings. */
    static SnapshotPolicy snapshotPolicy(BrokerConfig c) {
        return new SnapshotPolicy(c.getLong(ReplicationConfigDefinitions.METADATA_SNAPSHOT_MAX_NEW_RECORD_BYTES),
                c.getLong(ReplicationConfigDefinitions.METADATA_SNAPSHOT_MAX_INTERVAL_MS));
    }

    static String rack(BrokerConfig c) {
        return c.getString(BROKER_RACK);
    }

    /**
     * The {@code replica.selector.class} (a kafka-clients {@link ReplicaSelector}), configured with every setting
     * as in Kafka; none when unset. A class that cannot be loaded or is no ReplicaSelector stops the start.
     */
    static PreferredReadReplicas readReplicas(BrokerConfig c) {
        String className = c.getString(REPLICA_SELECTOR_CLASS);
        if (className == null || className.isBlank()) {
            return PreferredReadReplicas.NONE;
        }
        ReplicaSelector selector;
        try {
            selector = Utils.newInstance(className.trim(), ReplicaSelector.class);
        } catch (ClassNotFoundException | RuntimeException e) {
            throw new ConfigException(REPLICA_SELECTOR_CLASS, className, "not a loadable ReplicaSelector: " + e);
        }
        selector.configure(c.originals());
        return new PreferredReadReplicas(selector);
    }

    static List<BrokerRegistration.Listener> registeredListeners(Map<String, HostPort> advertised) {
        List<BrokerRegistration.Listener> listeners = new ArrayList<>();
        advertised.forEach((name, endpoint) -> listeners.add(new BrokerRegistration.Listener(name, endpoint.host(),
                endpoint.port(), endpoint.protocol())));
        return listeners;
    }

    static GroupCoordinatorConfig groupCoordinator(BrokerConfig c) {
        return new GroupCoordinatorConfig(
                c.getInt(OFFSETS_TOPIC_NUM_PARTITIONS),
                c.getInt(GROUP_MIN_SESSION_TIMEOUT_MS),
                c.getInt(GROUP_MAX_SESSION_TIMEOUT_MS),
                c.getInt(GROUP_INITIAL_REBALANCE_DELAY_MS),
                c.getInt(GROUP_MAX_SIZE),
                c.getInt(OFFSETS_RETENTION_MINUTES) * 60_000L,
                c.getLong(OFFSETS_RETENTION_CHECK_INTERVAL_MS),
                c.getInt(OFFSET_METADATA_MAX_BYTES),
                c.getInt(CONSUMER_SESSION_TIMEOUT_MS),
                c.getInt(CONSUMER_HEARTBEAT_INTERVAL_MS),
                assignors(c.getList(CONSUMER_ASSIGNORS)),
                c.getInt(CONSUMER_MAX_SIZE));
    }

    /** Kafka accepts short names or class names; we know the two built-in assignors by name. */
    private static List<String> assignors(List<String> configured) {
        List<String> names = new ArrayList<>();
        for (String name : configured) {
            names.add(name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT).replace("assignor", ""));
        }
        return names;
    }

    static TransactionCoordinatorConfig transactionCoordinator(BrokerConfig c) {
        return new TransactionCoordinatorConfig(
                c.getInt(TRANSACTION_STATE_LOG_NUM_PARTITIONS),
                c.getInt(TRANSACTION_MAX_TIMEOUT_MS),
                c.getInt(TRANSACTION_ABORT_CHECK_INTERVAL_MS),
                c.getInt(TRANSACTIONAL_ID_EXPIRATION_MS),
                c.getInt(OFFSETS_TOPIC_NUM_PARTITIONS));
    }

    /**
     * How the internal topics are created. Replication factor and min ISR default to 1 (Kafka's are 3 and 2),
     * Tributary's built-in defaults for a single node; set them as in Kafka for a cluster.
     */
    static InternalTopics.Spec offsetsTopic(BrokerConfig c) {
        return new InternalTopics.Spec(c.getInt(OFFSETS_TOPIC_NUM_PARTITIONS), c.getShort(OFFSETS_TOPIC_REPLICATION_FACTOR),
                c.getInt(OFFSETS_TOPIC_SEGMENT_BYTES), OptionalInt.empty());
    }

    static InternalTopics.Spec transactionStateTopic(BrokerConfig c) {
        return new InternalTopics.Spec(c.getInt(TRANSACTION_STATE_LOG_NUM_PARTITIONS),
                c.getShort(TRANSACTION_STATE_LOG_REPLICATION_FACTOR),
                c.getInt(TRANSACTION_STATE_LOG_SEGMENT_BYTES),
                OptionalInt.of(c.getInt(TRANSACTION_STATE_LOG_MIN_ISR)));
    }

    /** The Kafka-protocol server's settings; {@code listeners} excludes the controller (Raft) listeners. */
    static NetworkConfig network(BrokerConfig c, String listeners) {
        Integer threads = c.getInt(NUM_NETWORK_THREADS);
        return new NetworkConfig(
                Endpoint.parseList(listeners, c.getString(LISTENER_SECURITY_PROTOCOL_MAP)),
                c.getInt(SOCKET_REQUEST_MAX_BYTES),
                c.getLong(CONNECTIONS_MAX_IDLE_MS),
                threads != null ? threads : Runtime.getRuntime().availableProcessors(),
                c.getInt(SOCKET_SEND_BUFFER_BYTES),
                c.getInt(SOCKET_RECEIVE_BUFFER_BYTES));
    }

    static ReplicaFetchConfig replicaFetch(BrokerConfig c) {
        return new ReplicaFetchConfig(
                c.getInt(REPLICA_FETCH_WAIT_MAX_MS),
                c.getInt(REPLICA_FETCH_MIN_BYTES),
                c.getInt(REPLICA_FETCH_MAX_BYTES),
                c.getInt(REPLICA_FETCH_RESPONSE_MAX_BYTES),
                c.getInt(REPLICA_FETCH_BACKOFF_MS),
                c.getInt(REPLICA_SOCKET_TIMEOUT_MS));
    }
}
