package io.tributary.broker.cluster;

import io.tributary.broker.ApiHandler;
import io.tributary.broker.Responses;
import io.tributary.broker.partition.TopicLookup;
import io.tributary.metadata.PartitionRegistration;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.ElectLeadersResponseData;
import org.apache.kafka.common.message.ElectLeadersResponseData.PartitionResult;
import org.apache.kafka.common.message.ElectLeadersResponseData.ReplicaElectionResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ElectLeadersRequest;
import org.apache.kafka.common.requests.ElectLeadersResponse;

/**
 * ElectLeaders (kafka-leader-election). Every partition already has its preferred replica as leader while the
 * cluster is one broker, so each named partition answers ELECTION_NOT_NEEDED (or UNKNOWN_TOPIC_OR_PARTITION),
 * and an "all partitions" request, like Kafka's, lists only partitions where an election was attempted: none.
 */
public final class ElectLeadersHandler implements ApiHandler<ElectLeadersRequest> {

    private final TopicLookup topics;

    public ElectLeadersHandler(TopicLookup topics) {
        this.topics = topics;
    }

    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, ElectLeadersRequest request) {
        Map<String, ReplicaElectionResult> results = new LinkedHashMap<>();
        if (request.data().topicPartitions() != null) {
            for (TopicPartition tp : request.topicPartitions()) {
                results.computeIfAbsent(tp.topic(), t -> new ReplicaElectionResult().setTopic(t))
                        .partitionResult().add(elect(tp, request.electionType()));
            }
        }
        return Responses.completed(new ElectLeadersResponse(new ElectLeadersResponseData()
                .setReplicaElectionResults(new ArrayList<>(results.values()))));
    }

    private PartitionResult elect(TopicPartition tp, ElectionType type) {
        PartitionResult result = new PartitionResult().setPartitionId(tp.partition());
        Optional<PartitionRegistration> partition = topics.byName(tp.topic())
                .flatMap(t -> t.partition(tp.partition()));
        if (partition.isEmpty()) {
            return result.setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code())
                    .setErrorMessage("The partition does not exist.");
        }
        PartitionRegistration registration = partition.get();
        boolean preferredLeads = registration.replicas().length > 0
                && registration.leader() == registration.replicas()[0];
        if (type == ElectionType.UNCLEAN ? registration.hasLeader() : preferredLeads) {
            return result.setErrorCode(Errors.ELECTION_NOT_NEEDED.code())
                    .setErrorMessage("Leader election not needed for topic partition.");
        }
        return result.setErrorCode(Errors.PREFERRED_LEADER_NOT_AVAILABLE.code())
                .setErrorMessage("Failed to elect leader for partition " + tp + " under strategy " + type);
    }
}
