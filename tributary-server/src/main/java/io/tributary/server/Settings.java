package io.tributary.server;

import io.tributary.broker.group.InternalTopics;
import io.tributary.coordinator.group.GroupCoordinatorConfig;
import io.tributary.coordinator.transaction.TransactionCoordinatorConfig;
import io.tributary.metadata.BrokerRegistration;
import io.tributary.metadata.ControllerConfig;
import io.tributary.metadata.MetadataController;
import io.tributary.metadata.log.LocalMetadataLog;
import io.tributary.metadata.log.MetadataLog;
import io.tributary.quorum.QuorumMetadataLog;
import io.tributary.metadata.log.MetaProperties;
import io.tributary.network.Endpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.utils.Time;
import io.tributary.network.NetworkConfig;
import io.tributary.storage.StorageConfig;

/** Maps server.properties (Kafka's names and defaults) onto each module's own settings. */
final class Settings {

    private Settings() {
    }

    static StorageConfig storage(ServerConfig c) {
        return new StorageConfig(c.logDirs(), c.durable(),
                c.longValue("log.retention.check.interval.ms", 300_000L),
                c.longValue("log.flush.scheduler.interval.ms", Long.MAX_VALUE),
                c.longValue("log.flush.offset.checkpoint.interval.ms", 60_000L),
                c.bool("log.cleaner.enable", true),
                c.longValue("log.cleaner.backoff.ms", 15_000L),
                c.intValue("producer.id.expiration.ms", 86_400_000),
                c.intValue("producer.id.expiration.check.interval.ms", 600_000));
    }

    /**
     * The metadata controller over its log: the local metadata log file on a single node, the Raft quorum (data
     * under {@code <metadata dir>/raft}) on a cluster member.
     */
    static MetadataController controller(ServerConfig c, ClusterRoles roles, Map<String, HostPort> advertised,
                                         Time time) throws IOException {
        Path dir = c.metadataLogDir();
        Files.createDirectories(dir);
        String clusterId = c.originals().getOrDefault("cluster.id", roles.clusterId());
        MetaProperties meta = MetaProperties.loadOrCreate(dir, c.nodeId(), clusterId);
        ControllerConfig config = new ControllerConfig(c.nodeId(), meta.clusterId(), c.originals(),
                registeredListeners(advertised), c.rack());
        MetadataLog log = roles.clusterMember()
                ? QuorumMetadataLog.open(roles.quorum(c, dir.resolve("raft")),
                        roles.controllerListenerNames().iterator().next())
                : LocalMetadataLog.open(dir, c.nodeId());
        return new MetadataController(config, log, time);
    }

    static List<BrokerRegistration.Listener> registeredListeners(Map<String, HostPort> advertised) {
        List<BrokerRegistration.Listener> listeners = new ArrayList<>();
        advertised.forEach((name, endpoint) -> listeners.add(new BrokerRegistration.Listener(name, endpoint.host(),
                endpoint.port(), SecurityProtocol.PLAINTEXT)));
        return listeners;
    }

    static GroupCoordinatorConfig groupCoordinator(ServerConfig c) {
        GroupCoordinatorConfig d = GroupCoordinatorConfig.defaults();
        return new GroupCoordinatorConfig(
                c.intValue("offsets.topic.num.partitions", d.offsetsTopicPartitions()),
                c.intValue("group.min.session.timeout.ms", d.minSessionTimeoutMs()),
                c.intValue("group.max.session.timeout.ms", d.maxSessionTimeoutMs()),
                c.intValue("group.initial.rebalance.delay.ms", d.initialRebalanceDelayMs()),
                c.intValue("group.max.size", d.maxGroupSize()),
                c.longValue("offsets.retention.minutes", d.offsetsRetentionMs() / 60_000) * 60_000,
                c.longValue("offsets.retention.check.interval.ms", d.offsetsRetentionCheckMs()),
                c.intValue("offset.metadata.max.bytes", d.offsetMetadataMaxBytes()),
                c.intValue("group.consumer.session.timeout.ms", d.consumerSessionTimeoutMs()),
                c.intValue("group.consumer.heartbeat.interval.ms", d.consumerHeartbeatIntervalMs()),
                assignors(c.originals().get("group.consumer.assignors"), d.consumerAssignors()),
                c.intValue("group.consumer.max.size", d.consumerMaxSize()));
    }

    /** Kafka accepts short names or class names; we know the two built-in assignors by name. */
    private static List<String> assignors(String configured, List<String> fallback) {
        if (configured == null || configured.isBlank()) {
            return fallback;
        }
        List<String> names = new ArrayList<>();
        for (String name : configured.split(",")) {
            String trimmed = name.trim();
            names.add(trimmed.substring(trimmed.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT)
                    .replace("assignor", ""));
        }
        return names;
    }

    static TransactionCoordinatorConfig transactionCoordinator(ServerConfig c) {
        TransactionCoordinatorConfig d = TransactionCoordinatorConfig.defaults();
        return new TransactionCoordinatorConfig(
                c.intValue("transaction.state.log.num.partitions", d.transactionStatePartitions()),
                c.intValue("transaction.max.timeout.ms", d.maxTransactionTimeoutMs()),
                c.longValue("transaction.abort.timed.out.transaction.cleanup.interval.ms",
                        d.abortTimedOutCheckIntervalMs()),
                c.longValue("transactional.id.expiration.ms", d.transactionalIdExpirationMs()),
                groupCoordinator(c).offsetsTopicPartitions());
    }

    /**
     * How the internal topics are created. Replication factor and min ISR default to 1 (Kafka's are 3 and 2),
     * Tributary's built-in defaults for a single node; set them as in Kafka for a cluster.
     */
    static InternalTopics.Spec offsetsTopic(ServerConfig c) {
        return new InternalTopics.Spec(groupCoordinator(c).offsetsTopicPartitions(),
                (short) c.intValue("offsets.topic.replication.factor", 1),
                c.intValue("offsets.topic.segment.bytes", 104_857_600), 1);
    }

    static InternalTopics.Spec transactionStateTopic(ServerConfig c) {
        return new InternalTopics.Spec(transactionCoordinator(c).transactionStatePartitions(),
                (short) c.intValue("transaction.state.log.replication.factor", 1),
                c.intValue("transaction.state.log.segment.bytes", 104_857_600),
                c.intValue("transaction.state.log.min.isr", 1));
    }

    /** The Kafka-protocol server's settings; {@code listeners} excludes the controller (Raft) listeners. */
    static NetworkConfig network(ServerConfig c, String listeners) {
        return new NetworkConfig(
                Endpoint.parseList(listeners, c.originals().get("listener.security.protocol.map")),
                c.intValue(ServerConfig.SOCKET_REQUEST_MAX_BYTES, NetworkConfig.DEFAULT_MAX_REQUEST_BYTES),
                c.longValue(ServerConfig.CONNECTIONS_MAX_IDLE_MS, NetworkConfig.DEFAULT_CONNECTIONS_MAX_IDLE_MS),
                c.intValue(ServerConfig.NUM_NETWORK_THREADS, Runtime.getRuntime().availableProcessors()),
                c.intValue(ServerConfig.SOCKET_SEND_BUFFER_BYTES, NetworkConfig.DEFAULT_SOCKET_BUFFER_BYTES),
                c.intValue(ServerConfig.SOCKET_RECEIVE_BUFFER_BYTES, NetworkConfig.DEFAULT_SOCKET_BUFFER_BYTES));
    }
}
