package io.tributary.metadata.controller;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsAssignment;
import org.apache.kafka.common.message.CreatePartitionsRequestData.CreatePartitionsTopic;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.message.CreatePartitionsResponseData.CreatePartitionsTopicResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.TopicImage;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.PartitionRecord;

/** Turns CreatePartitions (grow only) into records. */
public final class PartitionCreation {

    public ControllerResult<CreatePartitionsResponseData> createPartitions(MetadataImage image,
                                                                           CreatePartitionsRequestData request) {
        CreatePartitionsResponseData response = new CreatePartitionsResponseData();
        List<MetadataRecord> records = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> duplicates = new java.util.LinkedHashSet<>();
        request.topics().forEach(t -> {
            if (!seen.add(t.name())) {
                duplicates.add(t.name());
            }
        });
        for (CreatePartitionsTopic topic : request.topics()) {
            if (duplicates.contains(topic.name())) {
                continue;
            }
            List<MetadataRecord> topicRecords = new ArrayList<>();
            ApiError error = createPartitions(image, topic, topicRecords);
            if (error.isSuccess()) {
                records.addAll(topicRecords);
            }
            response.results().add(result(topic.name(), error));
        }
        duplicates.forEach(name -> response.results().add(result(name,
            new ApiError(Errors.INVALID_REQUEST, "Duplicate topic name."))));
        return new ControllerResult<>(request.validateOnly() ? List.of() : records, response);
    }

    private static ApiError createPartitions(MetadataImage image, CreatePartitionsTopic request,
                                             List<MetadataRecord> records) {
        Optional<TopicImage> found = image.topics().get(request.name());
        if (found.isEmpty()) {
            return new ApiError(Errors.UNKNOWN_TOPIC_OR_PARTITION, null);
        }
        TopicImage topic = found.get();
        int current = topic.numPartitions();
        if (request.count() < current) {
            return new ApiError(Errors.INVALID_PARTITIONS, "Topic currently has " + current
                + " partitions, which is higher than the requested " + request.count() + ".");
        }
        if (request.count() == current) {
            return new ApiError(Errors.INVALID_PARTITIONS, "Topic already has " + current + " partitions.");
        }
        int additional = request.count() - current;
        int replicationFactor = topic.replicationFactor();
        List<int[]> placements = new ArrayList<>();
        if (request.assignments() != null) {
            if (request.assignments().size() != additional) {
                return new ApiError(Errors.INVALID_REPLICA_ASSIGNMENT, "Attempted to add " + additional
                    + " additional partition(s), but only " + request.assignments().size()
                    + " assignment(s) were specified.");
            }
            for (CreatePartitionsAssignment assignment : request.assignments()) {
                Optional<ApiError> error = ReplicaPlacer.validateManualAssignment(image.brokers(),
                    assignment.brokerIds(), replicationFactor);
                if (error.isPresent()) {
                    return error.get();
                }
                placements.add(ReplicaPlacer.toArray(assignment.brokerIds()));
            }
        } else {
            Optional<ApiError> error = ReplicaPlacer.checkReplicationFactor(image.brokers(), replicationFactor);
            if (error.isPresent()) {
                return error.get();
            }
            placements.addAll(ReplicaPlacer.place(image.brokers(), current, additional, replicationFactor));
        }
        for (int i = 0; i < placements.size(); i++) {
            int[] replicas = placements.get(i);
            records.add(new PartitionRecord(topic.id(), current + i, replicas, replicas.clone(), replicas[0], 0, 0));
        }
        return ApiError.NONE;
    }

    private static CreatePartitionsTopicResult result(String name, ApiError error) {
        return new CreatePartitionsTopicResult()
            .setName(name)
            .setErrorCode(error.error().code())
            .setErrorMessage(error.isSuccess() ? null : error.message());
    }
}
