package io.tributary.broker.cluster;

import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.apache.kafka.common.Node;

/**
 * The cluster as the metadata image records it: live brokers are the registered, unfenced ones that have an
 * endpoint on the client's listener; the controller is the active controller (or, before one is known, a live
 * broker, so clients always get an id they can reach).
 */
public final class ImageClusterView implements ClusterView {

    private final int localBrokerId;
    private final Supplier<MetadataImage> image;
    private final Supplier<OptionalInt> activeControllerId;

    public ImageClusterView(int localBrokerId, Supplier<MetadataImage> image,
                            Supplier<OptionalInt> activeControllerId) {
        this.localBrokerId = localBrokerId;
        this.image = image;
        this.activeControllerId = activeControllerId;
    }

    @Override
    public String clusterId() {
        return image.get().clusterId();
    }

    @Override
    public int localBrokerId() {
        return localBrokerId;
    }

    @Override
    public List<Node> aliveBrokers(String listenerName) {
        return brokers(listenerName, false);
    }

    @Override
    public List<Node> fencedBrokers(String listenerName) {
        return brokers(listenerName, true);
    }

    private List<Node> brokers(String listenerName, boolean fenced) {
        List<Node> nodes = new ArrayList<>();
        for (BrokerRegistration broker : image.get().brokers().all()) {
            if (broker.fenced() == fenced) {
                broker.endpoint(listenerName).ifPresent(e -> nodes.add(node(broker, e)));
            }
        }
        nodes.sort(Comparator.comparingInt(Node::id));
        return nodes;
    }

    @Override
    public Optional<Node> broker(int brokerId, String listenerName) {
        return image.get().brokers().get(brokerId)
                .filter(b -> !b.fenced())
                .flatMap(b -> b.endpoint(listenerName).map(e -> node(b, e)));
    }

    @Override
    public int controllerId() {
        OptionalInt active = activeControllerId.get();
        if (active.isPresent()) {
            return active.getAsInt();
        }
        return image.get().brokers().all().stream()
                .filter(b -> !b.fenced())
                .mapToInt(BrokerRegistration::id)
                .min()
                .orElse(localBrokerId);
    }

    @Override
    public boolean isAlive(int brokerId) {
        return image.get().brokers().get(brokerId).map(b -> !b.fenced()).orElse(false);
    }

    private static Node node(BrokerRegistration broker, BrokerRegistration.Listener endpoint) {
        return new Node(broker.id(), endpoint.host(), endpoint.port(), broker.rack());
    }
}
