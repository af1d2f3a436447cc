package io.tributary.broker.cluster;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.Node;

/** A single broker whose advertised endpoints are known once its listeners are bound. */
public final class StaticClusterView implements ClusterView {

    private final String clusterId;
    private final int brokerId;
    private final String rack;
    private final Map<String, HostPort> advertised;

    public record HostPort(String host, int port) {
    }

    public StaticClusterView(String clusterId, int brokerId, String rack, Map<String, HostPort> advertisedByListener) {
        this.clusterId = clusterId;
        this.brokerId = brokerId;
        this.rack = rack;
        this.advertised = Map.copyOf(advertisedByListener);
    }

    @Override
    public String clusterId() {
        return clusterId;
    }

    @Override
    public int localBrokerId() {
        return brokerId;
    }

    @Override
    public List<Node> aliveBrokers(String listenerName) {
        return broker(brokerId, listenerName).map(List::of).orElse(List.of());
    }

    @Override
    public List<Node> fencedBrokers(String listenerName) {
        return List.of(); // the only broker is this one, and it is serving
    }

    @Override
    public Optional<Node> broker(int id, String listenerName) {
        HostPort endpoint = advertised.get(listenerName);
        if (id != brokerId || endpoint == null) {
            return Optional.empty();
        }
        return Optional.of(new Node(brokerId, endpoint.host(), endpoint.port(), rack));
    }

    @Override
    public int controllerId() {
        return brokerId;
    }

    @Override
    public boolean isAlive(int id) {
        return id == brokerId;
    }
}
