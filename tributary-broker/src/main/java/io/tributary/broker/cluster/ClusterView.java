package io.tributary.broker.cluster;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.Node;

/** What a client is told about the cluster: its id, the live brokers on a listener, and the controller. */
public interface ClusterView {

    String clusterId();

    int localBrokerId();

    /** Live brokers as reachable through the named listener (the one the client connected to). */
    List<Node> aliveBrokers(String listenerName);

    /** Registered brokers the controller has fenced, on the named listener (DescribeCluster v2 can list them). */
    List<Node> fencedBrokers(String listenerName);

    Optional<Node> broker(int brokerId, String listenerName);

    /** The controller id clients see (in KRaft mode Kafka reports a random live broker). */
    int controllerId();

    /** Whether the broker is registered and unfenced (replicas elsewhere are reported offline). */
    boolean isAlive(int brokerId);
}
