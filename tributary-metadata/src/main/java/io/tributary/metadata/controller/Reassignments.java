package io.tributary.metadata.controller;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import org.apache.kafka.common.message.AlterPartitionReassignmentsRequestData;
import org.apache.kafka.common.message.AlterPartitionReassignmentsRequestData.ReassignablePartition;
import org.apache.kafka.common.message.AlterPartitionReassignmentsRequestData.ReassignableTopic;
import org.apache.kafka.common.message.AlterPartitionReassignmentsResponseData;
import org.apache.kafka.common.message.AlterPartitionReassignmentsResponseData.ReassignablePartitionResponse;
import org.apache.kafka.common.message.AlterPartitionReassignmentsResponseData.ReassignableTopicResponse;
import org.apache.kafka.common.message.ListPartitionReassignmentsRequestData;
import org.apache.kafka.common.message.ListPartitionReassignmentsResponseData;
import org.apache.kafka.common.message.ListPartitionReassignmentsResponseData.OngoingPartitionReassignment;
import org.apache.kafka.common.message.ListPartitionReassignmentsResponseData.OngoingTopicReassignment;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.PartitionChangeRecord;

/**
 * Partition reassignment (KIP-455): while moving, replicas = target plus the replicas being removed; the move
 * completes once every target replica is in the ISR. A null target cancels the move.
 */
public final class Reassignments {

    public ControllerResult<AlterPartitionReassignmentsResponseData> alter(
        MetadataImage image, AlterPartitionReassignmentsRequestData request) {
        AlterPartitionReassignmentsResponseData response = new AlterPartitionReassignmentsResponseData()
            .setErrorMessage(null)
            .setAllowReplicationFactorChange(request.allowReplicationFactorChange());
        List<MetadataRecord> records = new ArrayList<>();
        for (ReassignableTopic topicRequest : request.topics()) {
            ReassignableTopicResponse topicResponse = new ReassignableTopicResponse().setName(topicRequest.name());
            response.responses().add(topicResponse);
            Optional<TopicImage> topic = image.topics().get(topicRequest.name());
            for (ReassignablePartition partition : topicRequest.partitions()) {
                ApiError error = alterPartition(image, topic, partition, request.allowReplicationFactorChange(),
                    records);
                topicResponse.partitions().add(new ReassignablePartitionResponse()
                    .setPartitionIndex(partition.partitionIndex())
                    .setErrorCode(error.error().code())
                    .setErrorMessage(error.isSuccess() ? null : error.message()));
            }
        }
        return new ControllerResult<>(records, response);
    }

    private ApiError alterPartition(MetadataImage image, Optional<TopicImage> topic, ReassignablePartition request,
                                    boolean allowReplicationFactorChange, List<MetadataRecord> records) {
        Optional<PartitionRegistration> found = topic.flatMap(t -> t.partition(request.partitionIndex()));
        if (found.isEmpty()) {
            return new ApiError(Errors.UNKNOWN_TOPIC_OR_PARTITION);
        }
        PartitionRegistration p = found.get();
        int[] original = p.originalReplicas();
        PartitionRegistration next;
        if (request.replicas() == null) {
            if (!p.isReassigning()) {
                return new ApiError(Errors.NO_REASSIGNMENT_IN_PROGRESS);
            }
            next = revert(image, p, original);
        } else {
            Optional<ApiError> invalid = ReplicaPlacer.validateReassignment(image.brokers(), request.replicas());
            if (invalid.isPresent()) {
                return invalid.get();
            }
            int[] target = ReplicaPlacer.toArray(request.replicas());
            if (!allowReplicationFactorChange && target.length != original.length) {
                return new ApiError(Errors.INVALID_REPLICATION_FACTOR, "The replication factor is changed from "
                    + original.length + " to " + target.length);
            }
            next = Arrays.equals(target, original) ? revert(image, p, original) : start(p, original, target);
            next = completeIfCaughtUp(image, topic.get().name(), next);
        }
        if (!p.equals(next)) {
            records.add(PartitionChangeRecord.between(topic.get().id(), request.partitionIndex(), p, next));
        }
        return ApiError.NONE;
    }

    private static PartitionRegistration start(PartitionRegistration p, int[] original, int[] target) {
        int[] adding = Arrays.stream(target).filter(r -> !PartitionRegistration.contains(original, r)).toArray();
        int[] removing = Arrays.stream(original).filter(r -> !PartitionRegistration.contains(target, r)).toArray();
        int[] replicas = IntStream.concat(Arrays.stream(target), Arrays.stream(removing)).toArray();
        int[] isr = Arrays.stream(p.isr()).filter(r -> PartitionRegistration.contains(replicas, r)).toArray();
        return new PartitionRegistration(replicas, isr.length == 0 ? p.isr() : isr, p.leader(), p.leaderEpoch(),
            p.partitionEpoch(), adding, removing, only(p.elr(), replicas), only(p.lastKnownElr(), replicas));
    }

    /** The ELR members that stay replicas (the ELR of a moved partition keeps only those). */
    private static int[] only(int[] members, int[] replicas) {
        return Arrays.stream(members).filter(r -> PartitionRegistration.contains(replicas, r)).toArray();
    }

    private static PartitionRegistration revert(MetadataImage image, PartitionRegistration p, int[] original) {
        int[] isr = Arrays.stream(p.isr()).filter(r -> PartitionRegistration.contains(original, r)).toArray();
        PartitionRegistration reverted = new PartitionRegistration(original, isr.length == 0 ? p.isr() : isr,
            p.leader(), p.leaderEpoch(), p.partitionEpoch(), null, null, only(p.elr(), original),
            only(p.lastKnownElr(), original));
        return PartitionElection.elect(reverted, original, reverted.isr(), image.brokers(), false);
    }

    /** The completed move if every target replica is in the ISR, else {@code p} unchanged. */
    PartitionRegistration completeIfCaughtUp(MetadataImage image, String topic, PartitionRegistration p) {
        if (!p.isReassigning()) {
            return p;
        }
        int[] target = p.targetReplicas();
        for (int replica : target) {
            if (!p.isInIsr(replica)) {
                return p;
            }
        }
        int[] isr = Arrays.stream(p.isr()).filter(r -> PartitionRegistration.contains(target, r)).toArray();
        // Every target replica is in the ISR, so it is at min ISR: KIP-966 empties the ELR.
        PartitionRegistration moved = new PartitionRegistration(target, isr, p.leader(), p.leaderEpoch(),
            p.partitionEpoch(), null, null, null, null);
        return PartitionElection.elect(moved, target, isr, image.brokers(), false);
    }

    public ListPartitionReassignmentsResponseData list(MetadataImage image, ListPartitionReassignmentsRequestData request) {
        ListPartitionReassignmentsResponseData response =
            new ListPartitionReassignmentsResponseData().setErrorMessage(null);
        if (request.topics() == null) {
            for (TopicImage topic : image.topics().all()) {
                addOngoing(response, topic, topic.partitions().keySet());
            }
            return response;
        }
        for (var wanted : request.topics()) {
            Optional<TopicImage> topic = image.topics().get(wanted.name());
            topic.ifPresent(t -> addOngoing(response, t, new HashSet<>(wanted.partitionIndexes())));
        }
        return response;
    }

    private static void addOngoing(ListPartitionReassignmentsResponseData response, TopicImage topic,
                                   Set<Integer> partitions) {
        OngoingTopicReassignment ongoing = new OngoingTopicReassignment().setName(topic.name());
        partitions.stream().sorted().forEach(index -> topic.partition(index).filter(PartitionRegistration::isReassigning)
            .ifPresent(p -> ongoing.partitions().add(new OngoingPartitionReassignment()
                .setPartitionIndex(index)
                .setReplicas(boxed(p.replicas()))
                .setAddingReplicas(boxed(p.addingReplicas()))
                .setRemovingReplicas(boxed(p.removingReplicas())))));
        if (!ongoing.partitions().isEmpty()) {
            response.topics().add(ongoing);
        }
    }

    private static List<Integer> boxed(int[] ids) {
        return Arrays.stream(ids).boxed().toList();
    }
}
