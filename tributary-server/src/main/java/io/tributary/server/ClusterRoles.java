package io.tributary.server;

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

/**
 * How this node takes part in a cluster, from KRaft's settings: {@code process.roles}, {@code
 * controller.quorum.voters}, {@code controller.listener.names}. Without roles (or voters) the node is a single
 * broker with its own local metadata log; with {@code broker,controller} it is a combined node, a Raft voter and a
 * broker at once. The controller listener's address is the node's Raft (Ratis) address, so the Kafka-protocol
 * server does not bind it.
 */
record ClusterRoles(boolean clusterMember, Set<String> controllerListenerNames, String interBrokerListenerName,
                    Map<Integer, InetSocketAddress> voters, String clusterId) {

    static final String PROCESS_ROLES = "process.roles";
    static final String QUORUM_VOTERS = "controller.quorum.voters";
    static final String CONTROLLER_LISTENER_NAMES = "controller.listener.names";
    static final String INTER_BROKER_LISTENER_NAME = "inter.broker.listener.name";
    static final String ELECTION_TIMEOUT_MS = "controller.quorum.election.timeout.ms";
    static final String APPEND_TIMEOUT_MS = "controller.quorum.append.timeout.ms";

    static ClusterRoles of(ServerConfig config) {
        Map<String, String> values = config.originals();
        Set<String> roles = csv(values.getOrDefault(PROCESS_ROLES, ""));
        String voterList = values.getOrDefault(QUORUM_VOTERS, "").trim();
        boolean member = !roles.isEmpty() && !voterList.isEmpty();
        if (member && !(roles.contains("BROKER") && roles.contains("CONTROLLER"))) {
            throw new IllegalArgumentException(PROCESS_ROLES + "=" + values.get(PROCESS_ROLES)
                    + " is not supported yet: Tributary runs combined nodes (process.roles=broker,controller)");
        }
        Set<String> controllerListeners = csv(values.getOrDefault(CONTROLLER_LISTENER_NAMES,
                member ? "CONTROLLER" : ""));
        String interBroker = values.get(INTER_BROKER_LISTENER_NAME);
        if (interBroker == null) {
            interBroker = clientEndpoints(config.listeners(), controllerListeners).get(0).listenerName();
        }
        Map<Integer, InetSocketAddress> voters = member ? QuorumConfig.parseVoters(voterList) : Map.of();
        String clusterId = values.get("cluster.id");
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

    QuorumConfig quorum(ServerConfig config, Path dataDir) {
        Duration election = Duration.ofMillis(config.longValue(ELECTION_TIMEOUT_MS, 1000L));
        return QuorumConfig.of(config.nodeId(), voters, dataDir)
                .withElectionTimeout(election, election.multipliedBy(2))
                .withAppendTimeout(Duration.ofMillis(config.longValue(APPEND_TIMEOUT_MS, 30_000L)));
    }

    private static Set<String> csv(String value) {
        Set<String> items = new LinkedHashSet<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim().toUpperCase(Locale.ROOT));
            }
        }
        return items;
    }
}
