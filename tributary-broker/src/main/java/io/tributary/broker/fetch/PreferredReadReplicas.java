package io.tributary.broker.fetch;

import io.tributary.broker.partition.FollowerProgress;
import io.tributary.broker.partition.Partition;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import java.io.Closeable;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.replica.ClientMetadata;
import org.apache.kafka.common.replica.PartitionView;
import org.apache.kafka.common.replica.ReplicaSelector;
import org.apache.kafka.common.replica.ReplicaView;

/**
 * KIP-392 on the leader: asks the {@code replica.selector.class} (a kafka-clients {@link ReplicaSelector}, e.g.
 * {@code RackAwareReplicaSelector}) which replica a consumer should read a partition from. As in Kafka, the
 * candidates are the leader and the in-sync followers whose log holds the fetch offset, each with its endpoint on
 * the consumer's listener (and its rack); the answer is a follower's id, or nothing when the leader (or a replica
 * without an endpoint there) is chosen. Without a selector consumers always read from the leader.
 */
public final class PreferredReadReplicas implements Closeable {

    /** No selector configured: consumers read from leaders. */
    public static final PreferredReadReplicas NONE = new PreferredReadReplicas(null);

    private final ReplicaSelector selector;

    /** @param selector the configured selector, or null for none */
    public PreferredReadReplicas(ReplicaSelector selector) {
        this.selector = selector;
    }

    boolean enabled() {
        return selector != null;
    }

    /** The follower {@code client} should read {@code partition} (led here) from at {@code fetchOffset}, if any. */
    OptionalInt select(Partition partition, long fetchOffset, ClientMetadata client, MetadataImage image,
                       long nowMs) {
        if (selector == null || !partition.isLeader()) {
            return OptionalInt.empty();
        }
        List<FollowerProgress> followers = partition.inSyncFollowers();
        if (followers.isEmpty()) {
            return OptionalInt.empty();
        }
        String listener = client.listenerName();
        ReplicaView leader = new ReplicaView.DefaultReplicaView(endpoint(image, partition.localBrokerId(), listener),
                partition.logEndOffset(), 0L);
        Set<ReplicaView> replicas = new HashSet<>();
        replicas.add(leader);
        for (FollowerProgress follower : followers) {
            // A follower that does not hold the offset would answer OFFSET_OUT_OF_RANGE: not a candidate.
            if (follower.logEndOffset() >= fetchOffset && follower.logStartOffset() <= fetchOffset) {
                replicas.add(new ReplicaView.DefaultReplicaView(endpoint(image, follower.brokerId(), listener),
                        follower.logEndOffset(), Math.max(0L, nowMs - follower.lastCaughtUpMs())));
            }
        }
        Optional<ReplicaView> chosen = selector.select(partition.topicPartition(), client,
                new PartitionView.DefaultPartitionView(replicas, leader));
        return chosen.filter(view -> !view.endpoint().isEmpty() && !view.equals(leader))
                .map(view -> OptionalInt.of(view.endpoint().id())).orElse(OptionalInt.empty());
    }

    private static Node endpoint(MetadataImage image, int brokerId, String listener) {
        Optional<BrokerRegistration> broker = image.brokers().get(brokerId);
        // As Kafka: only live (unfenced) brokers have an endpoint to send a consumer to.
        return broker.filter(b -> !b.fenced()).flatMap(b -> b.endpoint(listener).map(e -> new Node(brokerId, e.host(), e.port(), b.rack())))
                .orElse(Node.noNode());
    }

    @Override
    public void close() throws IOException {
        if (selector != null) {
            selector.close();
        }
    }
}
