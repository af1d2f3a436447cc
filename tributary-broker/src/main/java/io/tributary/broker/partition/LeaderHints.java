package io.tributary.broker.partition;

import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
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
        Set<Integer> leaders = null; // allocated only when a partition was refused
        for (ProduceResponseData.TopicProduceResponse topic : response.responses()) {
            for (ProduceResponseData.PartitionProduceResponse p : topic.partitionResponses()) {
                if (p.errorCode() == Errors.NOT_LEADER_OR_FOLLOWER.code()) {
                    PartitionRegistration r = leaderOf(image, topic.name(), topic.topicId(), p.index());
                    if (r != null) {
                        p.setCurrentLeader(new ProduceResponseData.LeaderIdAndEpoch()
                                .setLeaderId(r.leader()).setLeaderEpoch(r.leaderEpoch()));
                        leaders = with(leaders, r.leader());
                    }
                }
            }
        }
        forEachEndpoint(image, leaders, listenerName, (id, e, rack) -> response.nodeEndpoints().add(
                new ProduceResponseData.NodeEndpoint().setNodeId(id).setHost(e.host()).setPort(e.port())
                        .setRack(rack)));
    }

    /** The Fetch version that added nodeEndpoints; v12-15 carry currentLeader only. */
    private static final short FETCH_NODE_ENDPOINTS_VERSION = 16;

    /** Fetch v12+: the same for fetch answers (the endpoints from v16). */
    public static void addTo(FetchResponseData response, short version, MetadataImage image, String listenerName) {
        Set<Integer> leaders = null; // allocated only when a partition was refused
        for (FetchResponseData.FetchableTopicResponse topic : response.responses()) {
            for (FetchResponseData.PartitionData p : topic.partitions()) {
                if (p.errorCode() == Errors.NOT_LEADER_OR_FOLLOWER.code()
                        || p.errorCode() == Errors.FENCED_LEADER_EPOCH.code()) {
                    PartitionRegistration r = leaderOf(image, topic.topic(), topic.topicId(), p.partitionIndex());
                    if (r != null) {
                        p.setCurrentLeader(new FetchResponseData.LeaderIdAndEpoch()
                                .setLeaderId(r.leader()).setLeaderEpoch(r.leaderEpoch()));
                        leaders = with(leaders, r.leader());
                    }
                }
            }
        }
        if (version < FETCH_NODE_ENDPOINTS_VERSION) {
            return;
        }
        forEachEndpoint(image, leaders, listenerName, (id, e, rack) -> response.nodeEndpoints().add(
                new FetchResponseData.NodeEndpoint().setNodeId(id).setHost(e.host()).setPort(e.port())
                        .setRack(rack)));
    }

    /** The partition's registration if it has a leader, else null. */
    private static PartitionRegistration leaderOf(MetadataImage image, String topicName, Uuid topicId,
                                                  int partition) {
        Optional<TopicImage> topic = topicName == null || topicName.isEmpty()
                ? image.topics().get(topicId) : image.topics().get(topicName);
        return topic.map(t -> t.partitions().get(partition)).filter(PartitionRegistration::hasLeader).orElse(null);
    }

    private static Set<Integer> with(Set<Integer> leaders, int leader) {
        Set<Integer> set = leaders == null ? new HashSet<>() : leaders;
        set.add(leader);
        return set;
    }

    private interface EndpointSink {
        void add(int brokerId, BrokerRegistration.Listener endpoint, String rack);
    }

    private static void forEachEndpoint(MetadataImage image, Set<Integer> brokerIds, String listenerName,
                                        EndpointSink sink) {
        if (brokerIds == null) {
            return;
        }
        for (int id : brokerIds) {
            image.brokers().get(id).ifPresent(broker -> broker.endpoint(listenerName)
                    .ifPresent(endpoint -> sink.add(id, endpoint, broker.rack())));
        }
    }
}
