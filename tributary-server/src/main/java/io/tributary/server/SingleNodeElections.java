package io.tributary.server;

import io.tributary.metadata.MetadataImage;
import io.tributary.metadata.PartitionRegistration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.ElectLeadersResponseData;
import org.apache.kafka.common.message.ElectLeadersResponseData.PartitionResult;
import org.apache.kafka.common.message.ElectLeadersResponseData.ReplicaElectionResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ElectLeadersRequest;
import org.apache.kafka.common.requests.ElectLeadersResponse;

/**
 * ElectLeaders on a single node, until the cluster controller answers it: every partition already has its
 * preferred replica as leader, so each named partition answers ELECTION_NOT_NEEDED (or
 * UNKNOWN_TOPIC_OR_PARTITION), and an "all partitions" request lists none, as Kafka lists only attempted ones.
 */
final class SingleNodeElections {

    private SingleNodeElections() {
    }

    static ElectLeadersResponse elect(MetadataImage image, ElectLeadersRequest request) {
        Map<String, ReplicaElectionResult> results = new LinkedHashMap<>();
        if (request.data().topicPartitions() != null) {
            for (TopicPartition tp : request.topicPartitions()) {
                results.computeIfAbsent(tp.topic(), t -> new ReplicaElectionResult().setTopic(t))
                        .partitionResult().add(elect(image, tp, request.electionType()));
            }
        }
        return new ElectLeadersResponse(new ElectLeadersResponseData()
                .setReplicaElectionResults(new ArrayList<>(results.values())));
    }

    private static PartitionResult elect(MetadataImage image, TopicPartition tp, ElectionType type) {
        PartitionResult result = new PartitionResult().setPartitionId(tp.partition());
        Optional<PartitionRegistration> partition = image.topics().get(tp.topic())
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
