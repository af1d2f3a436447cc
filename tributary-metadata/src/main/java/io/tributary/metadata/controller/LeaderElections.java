package io.tributary.metadata.controller;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.message.ElectLeadersRequestData;
import org.apache.kafka.common.message.ElectLeadersResponseData;
import org.apache.kafka.common.message.ElectLeadersResponseData.PartitionResult;
import org.apache.kafka.common.message.ElectLeadersResponseData.ReplicaElectionResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.PartitionChangeRecord;

/**
 * ElectLeaders (PREFERRED: move leadership to the first replica when it is an active ISR member; UNCLEAN: give
 * leaderless partitions a leader, from outside the ISR if need be) and the automatic preferred-leader rebalance.
 */
public final class LeaderElections {

    public ControllerResult<ElectLeadersResponseData> electLeaders(MetadataImage image, ElectLeadersRequestData request) {
        ElectionType type = ElectionType.valueOf(request.electionType());
        boolean all = request.topicPartitions() == null;
        Map<String, List<Integer>> wanted = new LinkedHashMap<>();
        if (all) {
            image.topics().all().forEach(t -> wanted.put(t.name(), new ArrayList<>(t.partitions().keySet())));
        } else {
            request.topicPartitions().forEach(tp -> wanted.computeIfAbsent(tp.topic(), n -> new ArrayList<>())
                .addAll(tp.partitions()));
        }
        ElectLeadersResponseData response = new ElectLeadersResponseData().setErrorCode(Errors.NONE.code());
        List<MetadataRecord> records = new ArrayList<>();
        wanted.forEach((name, partitions) -> {
            ReplicaElectionResult topicResult = new ReplicaElectionResult().setTopic(name);
            Optional<TopicImage> topic = image.topics().get(name);
            for (int index : partitions) {
                ApiError error = elect(image, topic, index, type, records);
                // Asked for everything, Kafka only reports the partitions where an election was attempted.
                if (all && error.error() == Errors.ELECTION_NOT_NEEDED) {
                    continue;
                }
                topicResult.partitionResult().add(new PartitionResult().setPartitionId(index)
                    .setErrorCode(error.error().code()).setErrorMessage(error.isSuccess() ? null : error.message()));
            }
            if (!topicResult.partitionResult().isEmpty()) {
                response.replicaElectionResults().add(topicResult);
            }
        });
        return new ControllerResult<>(records, response);
    }

    /**
     * Preferred elections for the partitions of every imbalanced broker: one that is the preferred replica of N
     * partitions and leads fewer than N, with the share it does not lead above {@code imbalancePercentage}
     * (Kafka's ZooKeeper-mode rule), whose preferred replica could lead but does not.
     */
    public List<MetadataRecord> rebalance(MetadataImage image, int imbalancePercentage) {
        Map<Integer, Integer> preferredOf = new HashMap<>();
        Map<Integer, List<TopicPartitionIndex>> notLed = new HashMap<>();
        for (TopicImage topic : image.topics().all()) {
            topic.partitions().forEach((index, partition) -> {
                if (partition.replicas().length == 0) {
                    return;
                }
                int preferred = partition.replicas()[0];
                preferredOf.merge(preferred, 1, Integer::sum);
                if (partition.leader() != preferred) {
                    notLed.computeIfAbsent(preferred, b -> new ArrayList<>()).add(new TopicPartitionIndex(topic, index));
                }
            });
        }
        List<MetadataRecord> records = new ArrayList<>();
        notLed.forEach((broker, partitions) -> {
            // notLed * 100 > percentage * total, in integers: Kafka's ratio > percentage / 100.
            if ((long) partitions.size() * 100 > (long) imbalancePercentage * preferredOf.get(broker)) {
                partitions.forEach(p -> elect(image, Optional.of(p.topic()), p.index(), ElectionType.PREFERRED,
                        records));
            }
        });
        return records;
    }

    private record TopicPartitionIndex(TopicImage topic, int index) {
    }

    private static ApiError elect(MetadataImage image, Optional<TopicImage> topic, int index, ElectionType type,
                                  List<MetadataRecord> records) {
        Optional<PartitionRegistration> found = topic.flatMap(t -> t.partition(index));
        if (found.isEmpty()) {
            return new ApiError(Errors.UNKNOWN_TOPIC_OR_PARTITION,
                "The partition does not exist.");
        }
        PartitionRegistration p = found.get();
        PartitionRegistration next;
        if (type == ElectionType.PREFERRED) {
            int preferred = p.replicas()[0];
            if (p.leader() == preferred) {
                return new ApiError(Errors.ELECTION_NOT_NEEDED, "Leader election not needed for topic partition.");
            }
            if (!p.isInIsr(preferred) || !image.brokers().isActive(preferred)) {
                return new ApiError(Errors.PREFERRED_LEADER_NOT_AVAILABLE,
                    "Failed to elect leader for partition " + topic.get().name() + "-" + index
                        + " under strategy PreferredReplicaPartitionLeaderElectionStrategy");
            }
            next = PartitionElection.with(p, p.replicas(), p.isr(), preferred);
        } else {
            if (p.hasLeader()) {
                return new ApiError(Errors.ELECTION_NOT_NEEDED, "Leader election not needed for topic partition.");
            }
            next = PartitionElection.elect(p, p.replicas(), p.isr(), image.brokers(), true);
            if (!next.hasLeader()) {
                return new ApiError(Errors.ELIGIBLE_LEADERS_NOT_AVAILABLE,
                    "Failed to elect leader for partition " + topic.get().name() + "-" + index
                        + " under strategy UncleanLeaderElectionStrategy");
            }
        }
        records.add(PartitionChangeRecord.between(topic.get().id(), index, p, next));
        return ApiError.NONE;
    }
}
