package io.tributary.broker.partition;

import io.tributary.metadata.BrokerRegistration;
import io.tributary.metadata.MetadataImage;
import io.tributary.metadata.PartitionRegistration;
import io.tributary.metadata.TopicImage;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.Errors;

/**
 * KIP-951: a NOT_LEADER_OR_FOLLOWER (or FENCED_LEADER_EPOCH) answer carries the partition's current leader and
 * epoch, and the response the leaders' endpoints on the client's listener, so clients move on without a
 * metadata round trip. Only error answers are touched; the success path pays nothing.
 */
public final class LeaderHints {

    private LeaderHints() {
    }

    /** Produce v10+: fills currentLeader of the partitions refused for leadership, and nodeEndpoints. */
    public static void addTo(ProduceResponseData response, MetadataImage image, String listenerName) {
        Set<Integer> leaders = null;
        for (ProduceResponseData.TopicProduceResponse topic : response.responses()) {
            for (ProduceResponseData.PartitionProduceResponse p : topic.partitionResponses()) {
                if (p.errorCode() != Errors.NOT_LEADER_OR_FOLLOWER.code()) {
                    continue;
                }
                Optional<PartitionRegistration> registration = registration(
                        topicOf(image, topic.name(), topic.topicId()), p.index())
                        .filter(PartitionRegistration::hasLeader);
                if (registration.isPresent()) {
                    PartitionRegistration r = registration.get();
                    p.setCurrentLeader(new ProduceResponseData.LeaderIdAndEpoch()
                            .setLeaderId(r.leader()).setLeaderEpoch(r.leaderEpoch()));
                    leaders = leaders == null ? new HashSet<>() : leaders;
                    leaders.add(r.leader());
                }
            }
        }
        if (leaders == null) {
            return;
        }
        for (int leader : leaders) {
            endpoint(image, leader, listenerName).ifPresent(e -> response.nodeEndpoints().add(
                    new ProduceResponseData.NodeEndpoint().setNodeId(leader).setHost(e.host()).setPort(e.port())
                            .setRack(rack(image, leader))));
        }
    }

    /** Fetch v12+: the same for fetch answers. */
    public static void addTo(FetchResponseData response, MetadataImage image, String listenerName) {
        Set<Integer> leaders = null;
        for (FetchResponseData.FetchableTopicResponse topic : response.responses()) {
            for (FetchResponseData.PartitionData p : topic.partitions()) {
                if (p.errorCode() != Errors.NOT_LEADER_OR_FOLLOWER.code()
                        && p.errorCode() != Errors.FENCED_LEADER_EPOCH.code()) {
                    continue;
                }
                Optional<PartitionRegistration> registration = registration(
                        topicOf(image, topic.topic(), topic.topicId()), p.partitionIndex())
                        .filter(PartitionRegistration::hasLeader);
                if (registration.isPresent()) {
                    PartitionRegistration r = registration.get();
                    p.setCurrentLeader(new FetchResponseData.LeaderIdAndEpoch()
                            .setLeaderId(r.leader()).setLeaderEpoch(r.leaderEpoch()));
                    leaders = leaders == null ? new HashSet<>() : leaders;
                    leaders.add(r.leader());
                }
            }
        }
        if (leaders == null) {
            return;
        }
        for (int leader : leaders) {
            endpoint(image, leader, listenerName).ifPresent(e -> response.nodeEndpoints().add(
                    new FetchResponseData.NodeEndpoint().setNodeId(leader).setHost(e.host()).setPort(e.port())
                            .setRack(rack(image, leader))));
        }
    }

    private static Optional<TopicImage> topicOf(MetadataImage image, String name, Uuid id) {
        return name == null || name.isEmpty() ? image.topics().get(id) : image.topics().get(name);
    }

    private static Optional<PartitionRegistration> registration(Optional<TopicImage> topic, int partition) {
        return topic.map(t -> t.partitions().get(partition));
    }

    private static Optional<BrokerRegistration.Listener> endpoint(MetadataImage image, int brokerId,
                                                                  String listenerName) {
        return image.brokers().get(brokerId).flatMap(b -> b.endpoint(listenerName));
    }

    private static String rack(MetadataImage image, int brokerId) {
        return image.brokers().get(brokerId).map(BrokerRegistration::rack).orElse(null);
    }
}
