package io.tributary.server;

import static io.tributary.metadata.config.ReplicationConfigDefinitions.APPEND_TIMEOUT_MS;
import static io.tributary.metadata.config.ReplicationConfigDefinitions.CONTROLLER_LISTENER_NAMES;
import static io.tributary.metadata.config.ReplicationConfigDefinitions.ELECTION_TIMEOUT_MS;
import static io.tributary.metadata.config.ReplicationConfigDefinitions.INTER_BROKER_LISTENER_NAME;
import static io.tributary.metadata.config.ReplicationConfigDefinitions.METADATA_LOG_SEGMENT_BYTES;
import static io.tributary.metadata.config.ReplicationConfigDefinitions.PROCESS_ROLES;
import static io.tributary.metadata.config.ReplicationConfigDefinitions.QUORUM_VOTERS;
import static io.tributary.metadata.config.ReplicationConfigDefinitions.SECURITY_INTER_BROKER_PROTOCOL;
import static io.tributary.metadata.config.ServerConfigDefinitions.CLUSTER_ID;

import io.tributary.metadata.config.BrokerConfig;
import io.tributary.network.Endpoint;
import io.tributary.quorum.QuorumConfig;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigException;

/**
 * How this node takes part in a cluster, from KRaft's settings: {@code process.roles}, {@code
 * controller.quorum.voters}, {@code controller.listener.names}. Without roles (or voters) the node is a single
 * broker with its own local metadata log; with {@code broker,controller} it is a combined node, a Raft voter and a
 * broker at once. The controller listener's address is the node's Raft (Ratis) address, so the Kafka-protocol
 * server does not bind it.
 */
record ClusterRoles(boolean clusterMember, Set<String> controllerListenerNames, String interBrokerListenerName,
                    Map<Integer, InetSocketAddress> voters, String clusterId) {

    static ClusterRoles of(BrokerConfig config) {
        Set<String> roles = upperCase(config.getList(PROCESS_ROLES));
        String voterList = String.join(",", config.getList(QUORUM_VOTERS));
        boolean member = !roles.isEmpty() && !voterList.isEmpty();
        if (member && !(roles.contains("BROKER") && roles.contains("CONTROLLER"))) {
            throw new ConfigException(PROCESS_ROLES, String.join(",", config.getList(PROCESS_ROLES)),
                    "not supported yet: Tributary runs combined nodes (process.roles=broker,controller)");
        }
        String controllerListenerNames = config.getString(CONTROLLER_LISTENER_NAMES);
        Set<String> controllerListeners = controllerListenerNames != null
                ? upperCase(List.of(controllerListenerNames.split(",")))
                : member ? Set.of("CONTROLLER") : Set.of();
        String interBroker = config.getString(INTER_BROKER_LISTENER_NAME);
        String interBrokerProtocol = config.getString(SECURITY_INTER_BROKER_PROTOCOL);
        if (interBroker != null && interBrokerProtocol != null) {
            throw new ConfigException("Only one of " + INTER_BROKER_LISTENER_NAME + " and "
                    + SECURITY_INTER_BROKER_PROTOCOL + " should be set.");
        }
        if (interBroker == null && interBrokerProtocol != null) {
            interBroker = interBrokerProtocol; // Kafka: the listener named after the protocol
        }
        if (interBroker == null) {
            interBroker = clientEndpoints(config.listeners(), controllerListeners).get(0).listenerName();
        }
        Map<Integer, InetSocketAddress> voters = member ? parseVoters(voterList) : Map.of();
        String clusterId = config.getString(CLUSTER_ID);
        if (clusterId == null && member) {
            // The same voters string on every node yields the same id, so a fresh cluster needs no format step.
            UUID derived = UUID.nameUUIDFromBytes(voterList.getBytes(StandardCharsets.UTF_8));
            clusterId = new Uuid(derived.getMostSignificantBits(), derived.getLeastSignificantBits()).toString();
        }
        return new ClusterRoles(member, controllerListeners, interBroker.toUpperCase(Locale.ROOT), voters, clusterId);
    }

    /** The listeners the Kafka-protocol server binds or advertises: all but the controller listeners. */
    static List<Endpoint> clientEndpoints(String listeners, Set<String> controllerListenerNames) {
        List<Endpoint> endpoints = Endpoint.parseList(listeners).stream()
                .filter(e -> !controllerListenerNames.contains(e.listenerName()))
                .toList();
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("listeners '" + listeners + "' has no broker listener");
        }
        return endpoints;
    }

    /** Keeps only the broker listeners of a listeners-style string, as a listeners-style string. */
    String withoutControllerListeners(String listeners) {
        return String.join(",", clientEndpoints(listeners, controllerListenerNames).stream()
                .map(e -> e.listenerName() + "://" + (e.host().contains(":") ? "[" + e.host() + "]" : e.host()) + ":"
                        + e.port())
                .toList());
    }

    QuorumConfig quorum(BrokerConfig config, Path dataDir) {
        Duration election = Duration.ofMillis(config.getInt(ELECTION_TIMEOUT_MS));
        QuorumConfig quorum = QuorumConfig.of(config.nodeId(), voters, dataDir)
                .withElectionTimeout(election, election.multipliedBy(2))
                .withAppendTimeout(Duration.ofMillis(config.getLong(APPEND_TIMEOUT_MS)))
                .withSnapshots(Settings.snapshotPolicy(config), config.getInt(METADATA_LOG_SEGMENT_BYTES));
        InetSocketAddress bind = controllerListenerAddress(config.listeners(), quorum.localAddress());
        return bind == null ? quorum : quorum.withBindAddress(bind);
    }

    /**
     * As in Kafka, Raft listens on the controller listener, while {@code controller.quorum.voters} says where the
     * others connect; they differ when a proxy sits in between. Null when no controller listener is listed (Raft then
     * listens on the node's voter address); a listener without a host takes the voter address's host.
     */
    InetSocketAddress controllerListenerAddress(String listeners, InetSocketAddress voterAddress) {
        return Endpoint.parseList(listeners).stream()
                .filter(e -> controllerListenerNames.contains(e.listenerName()))
                .findFirst()
                .map(e -> new InetSocketAddress(e.host() == null || e.host().isBlank() ? voterAddress.getHostString()
                        : e.host(), e.port()))
                .orElse(null);
    }

    /** A malformed voter list stops start-up like any bad value: naming the key. */
    private static Map<Integer, InetSocketAddress> parseVoters(String voterList) {
        try {
            return QuorumConfig.parseVoters(voterList);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(QUORUM_VOTERS, voterList, e.getMessage());
        }
    }

    private static Set<String> upperCase(List<String> values) {
        Set<String> items = new LinkedHashSet<>();
        for (String item : values) {
            if (!item.isBlank()) {
                items.add(item.trim().toUpperCase(Locale.ROOT));
            }
        }
        return items;
    }
}
