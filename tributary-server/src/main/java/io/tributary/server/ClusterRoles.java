package io.tributary.server;

import static io.tributary.metadata.config.ReplicationConfigDefinitions.APPEND_TIMEOUT_MS;
import static io.tributary.metadata.config.ReplicationConfigDefinitions.CONTROLLER_LISTENER_NAMES;
import static io.tributary.metadata.config.ReplicationConfigDefinitions.ELECTION_TIMEOUT_MS;
import static io.tributary.metadata.config.ReplicationConfigDefinitions.INTER_BROKER_LISTENER_NAME;
import static io.tributary.metadata.config.ReplicationConfigDefinitions.METADATA_LOG_SEGMENT_BYTES;
import static io.tributary.metadata.config.ReplicationConfigDefinitions.PROCESS_ROLES;
import static io.tributary.metadata.config.ReplicationConfigDefinitions.QUORUM_BOOTSTRAP_SERVERS;
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
import java.util.ArrayList;
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
 * controller.quorum.voters} / {@code controller.quorum.bootstrap.servers}, {@code controller.listener.names}.
 * Without roles (or a quorum to join) the node is a single broker with its own local metadata log; with {@code
 * broker,controller} it is a combined node, a Raft voter and a broker at once; {@code controller} alone is a voter
 * that serves no client data, {@code broker} alone follows the committed metadata log without voting. The
 * controller listener's port carries both the Kafka protocol (the controller's APIs) and Raft.
 */
record ClusterRoles(boolean clusterMember, boolean broker, boolean controller, Set<String> controllerListenerNames,
                    String interBrokerListenerName, Map<Integer, InetSocketAddress> voters,
                    List<InetSocketAddress> bootstrapServers, String clusterId) {

    static ClusterRoles of(BrokerConfig config) {
        Set<String> roles = upperCase(config.getList(PROCESS_ROLES));
        String voterList = String.join(",", config.getList(QUORUM_VOTERS));
        List<InetSocketAddress> bootstrap = parseBootstrapServers(config.getList(QUORUM_BOOTSTRAP_SERVERS));
        boolean controller = roles.contains("CONTROLLER");
        boolean broker = roles.contains("BROKER") || roles.isEmpty();
        boolean combined = controller && roles.contains("BROKER");
        // KIP-853: a controller-only node with bootstrap servers and no voters waits to be added as a voter.
        boolean member = !roles.isEmpty() && (!voterList.isEmpty() || (!combined && !bootstrap.isEmpty()));
        // As before roles apart existed: broker,controller without voters is a single broker.
        if (!roles.isEmpty() && !member && !combined) {
            throw new ConfigException(QUORUM_VOTERS, voterList, controller
                    ? "a controller needs controller.quorum.voters or controller.quorum.bootstrap.servers"
                    : "a broker-only node needs controller.quorum.voters or controller.quorum.bootstrap.servers");
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
            // A controller-only node has no broker listener: Kafka's default names the brokers' listener.
            interBroker = broker ? clientEndpoints(config.listeners(), controllerListeners).get(0).listenerName()
                    : "PLAINTEXT";
        }
        if (member && !broker && controllerListenerAddressOf(config.listeners(), controllerListeners) == null) {
            throw new ConfigException("listeners", config.listeners(),
                    "a controller-only node needs its controller listener (" + controllerListeners + ") in listeners");
        }
        Map<Integer, InetSocketAddress> voters = member && !voterList.isEmpty() ? parseVoters(voterList) : Map.of();
        String clusterId = config.getString(CLUSTER_ID);
        if (clusterId == null && member && !voterList.isEmpty()) {
            // The same voters string on every node yields the same id, so a fresh cluster needs no format step.
            UUID derived = UUID.nameUUIDFromBytes(voterList.getBytes(StandardCharsets.UTF_8));
            clusterId = new Uuid(derived.getMostSignificantBits(), derived.getLeastSignificantBits()).toString();
        }
        return new ClusterRoles(member, broker, controller || !member, controllerListeners,
                interBroker.toUpperCase(Locale.ROOT), voters, bootstrap, clusterId);
    }

    /** A voter of the metadata quorum that serves no client data. */
    boolean controllerOnly() {
        return clusterMember && controller && !broker;
    }

    /** A cluster broker that follows the metadata log without voting. */
    boolean brokerOnly() {
        return clusterMember && broker && !controller;
    }

    /** A controller started with bootstrap servers only (KIP-853): not a voter until the leader adds it. */
    boolean joiningController() {
        return controllerOnly() && voters.isEmpty();
    }

    /** Where a broker-only node asks first for the controllers: the voters, else the bootstrap servers. */
    List<InetSocketAddress> controllerBootstrap() {
        return voters.isEmpty() ? bootstrapServers : List.copyOf(voters.values());
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
                .map(ClusterRoles::format).toList());
    }

    /**
     * The Raft settings of a voter. On a controller-only node Ratis listens on a loopback port of its own and the
     * network relays the controller listener's Raft connections to it. On a combined node Ratis binds the controller
     * listener itself (or, without one, the voter address), as before roles apart existed.
     */
    QuorumConfig quorum(BrokerConfig config, Path dataDir, Uuid directoryId) {
        Duration election = Duration.ofMillis(config.getInt(ELECTION_TIMEOUT_MS));
        QuorumConfig quorum = QuorumConfig.of(config.nodeId(), voters, dataDir)
                .withDirectoryId(directoryId)
                .withElectionTimeout(election, election.multipliedBy(2))
                .withAppendTimeout(Duration.ofMillis(config.getLong(APPEND_TIMEOUT_MS)))
                .withSnapshots(Settings.snapshotPolicy(config), config.getInt(METADATA_LOG_SEGMENT_BYTES));
        if (sharesControllerListener(config)) {
            return quorum.withBindAddress(new InetSocketAddress("127.0.0.1", 0));
        }
        InetSocketAddress bind = controllerListenerAddress(config.listeners(), voters.get(config.nodeId()));
        return bind == null ? quorum : quorum.withBindAddress(bind);
    }

    /**
     * True on a controller-only node (with its controller listener): the Kafka-protocol server binds the controller
     * listener and relays Raft to Ratis. A combined node's controller listener stays Raft's alone: the relay has not
     * passed the nemesis runs yet (docs/cluster.md).
     */
    boolean sharesControllerListener(BrokerConfig config) {
        return controllerOnly() && controllerListenerAddressOf(config.listeners(), controllerListenerNames) != null;
    }

    /**
     * A combined node's Raft address: its controller listener, while {@code controller.quorum.voters} says where the
     * others connect (they differ when a proxy sits in between, as in Kafka). Null when no controller listener is
     * listed; a listener without a host takes the voter address's host.
     */
    private InetSocketAddress controllerListenerAddress(String listeners, InetSocketAddress voterAddress) {
        Endpoint endpoint = controllerListenerAddressOf(listeners, controllerListenerNames);
        if (endpoint == null) {
            return null;
        }
        return new InetSocketAddress(endpoint.host() == null || endpoint.host().isBlank()
                ? voterAddress.getHostString() : endpoint.host(), endpoint.port());
    }

    /**
     * Where the other voters should reach this controller (KIP-853's endpoint in the voter set): its controller
     * listener in {@code advertised.listeners}, else in {@code listeners}; null without a host and fixed port.
     */
    Endpoint advertisedControllerEndpoint(BrokerConfig config) {
        Endpoint endpoint = controllerListenerAddressOf(config.advertisedListeners(), controllerListenerNames);
        if (endpoint == null) {
            endpoint = controllerListenerAddressOf(config.listeners(), controllerListenerNames);
        }
        if (endpoint == null || endpoint.host() == null || endpoint.host().isBlank() || endpoint.isWildcardHost()
                || endpoint.port() == 0) {
            return null;
        }
        return endpoint;
    }

    private static Endpoint controllerListenerAddressOf(String listeners, Set<String> names) {
        return Endpoint.parseList(listeners).stream().filter(e -> names.contains(e.listenerName())).findFirst()
                .orElse(null);
    }

    /** The Kafka-protocol server's listeners: the broker ones, or a controller-only node's controller listener. */
    String servedListeners(String listeners) {
        if (!controllerOnly()) {
            return withoutControllerListeners(listeners);
        }
        return String.join(",", Endpoint.parseList(listeners).stream()
                .filter(e -> controllerListenerNames.contains(e.listenerName()))
                .map(ClusterRoles::format).toList());
    }

    private static String format(Endpoint e) {
        return e.listenerName() + "://" + (e.host() == null ? "" : e.host().contains(":") ? "[" + e.host() + "]"
                : e.host()) + ":" + e.port();
    }

    /** {@code host:port} entries of {@code controller.quorum.bootstrap.servers}. */
    private static List<InetSocketAddress> parseBootstrapServers(List<String> servers) {
        List<InetSocketAddress> parsed = new ArrayList<>();
        for (String server : servers) {
            String trimmed = server.trim();
            int colon = trimmed.lastIndexOf(':');
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                String host = trimmed.substring(0, colon).replace("[", "").replace("]", "");
                parsed.add(InetSocketAddress.createUnresolved(host, Integer.parseInt(trimmed.substring(colon + 1))));
            } catch (RuntimeException e) {
                throw new ConfigException(QUORUM_BOOTSTRAP_SERVERS, String.join(",", servers),
                        "'" + trimmed + "' is not of the form host:port");
            }
        }
        return parsed;
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
