package io.tributary.metadata.controller;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableReplicaAssignment;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicConfigs;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.config.BrokerConfigDefinitions;
import io.tributary.metadata.config.EffectiveConfigResolver;
import io.tributary.metadata.config.ResolvedConfig;
import io.tributary.metadata.config.TopicConfigDefinitions;
import io.tributary.metadata.config.TopicConfigValidator;
import io.tributary.metadata.record.ConfigRecord;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.metadata.record.TopicRecord;

/** Turns CreateTopics into records, with Kafka's validation order and error messages. */
public final class TopicCreation {

    private final EffectiveConfigResolver resolver;
    private final TopicConfigValidator configValidator;

    public TopicCreation(EffectiveConfigResolver resolver) {
        this.resolver = resolver;
        this.configValidator = new TopicConfigValidator(resolver);
    }

    public ControllerResult<CreateTopicsResponseData> createTopics(MetadataImage image, CreateTopicsRequestData request) {
        CreateTopicsResponseData response = new CreateTopicsResponseData();
        List<MetadataRecord> records = new ArrayList<>();
        Set<String> duplicates = duplicateNames(request);
        // Names created earlier in this request count as existing for later topics.
        Set<String> createdNames = new HashSet<>();
        for (CreatableTopic topic : request.topics()) {
            if (duplicates.contains(topic.name())) {
                continue;
            }
            List<MetadataRecord> topicRecords = new ArrayList<>();
            CreatableTopicResult result = createTopic(image, topic, createdNames, topicRecords);
            response.topics().add(result);
            if (result.errorCode() == Errors.NONE.code()) {
                createdNames.add(topic.name());
                records.addAll(topicRecords);
            }
        }
        for (String name : duplicates) {
            response.topics().add(new CreatableTopicResult().setName(name)
                .setErrorCode(Errors.INVALID_REQUEST.code()).setErrorMessage("Duplicate topic name."));
        }
        return new ControllerResult<>(request.validateOnly() ? List.of() : records, response);
    }

    /** Creates {@code name} with the broker defaults if auto-creation is enabled and it does not exist yet. */
    public ControllerResult<String> autoCreate(MetadataImage image, String name) {
        boolean enabled = (Boolean) resolver.brokerValue(image, BrokerConfigDefinitions.AUTO_CREATE_TOPICS_ENABLE);
        if (image.topics().get(name).isPresent() || !enabled || !Topic.isValid(name)) {
            return new ControllerResult<>(List.of(), name);
        }
        CreateTopicsRequestData request = new CreateTopicsRequestData();
        request.topics().add(new CreatableTopic().setName(name).setNumPartitions(-1).setReplicationFactor((short) -1));
        // A failed creation yields no records, so the caller's lookup finds nothing.
        return new ControllerResult<>(createTopics(image, request).records(), name);
    }

    private CreatableTopicResult createTopic(MetadataImage image, CreatableTopic topic, Set<String> createdNames,
                                             List<MetadataRecord> records) {
        Optional<ApiError> error = validateName(image, topic.name(), createdNames);
        Map<String, String> overrides = new HashMap<>();
        if (error.isEmpty()) {
            for (CreatableTopicConfig config : topic.configs()) {
                overrides.put(config.name(), config.value());
            }
            error = configValidator.validate(image, overrides);
        }
        List<int[]> assignments = new ArrayList<>();
        if (error.isEmpty()) {
            error = topic.assignments().isEmpty() ? placeReplicas(image, topic, assignments)
                : manualAssignments(image, topic, assignments);
        }
        if (error.isPresent()) {
            return new CreatableTopicResult().setName(topic.name())
                .setErrorCode(error.get().error().code()).setErrorMessage(error.get().message());
        }
        Uuid topicId = newTopicId(image);
        records.add(new TopicRecord(topic.name(), topicId));
        for (int partition = 0; partition < assignments.size(); partition++) {
            int[] replicas = assignments.get(partition);
            records.add(new PartitionRecord(topicId, partition, replicas, replicas.clone(), replicas[0], 0, 0));
        }
        new TreeMap<>(overrides).forEach((name, value) ->
            records.add(new ConfigRecord(ConfigResource.Type.TOPIC, topic.name(), name, value)));
        return new CreatableTopicResult()
            .setName(topic.name())
            .setTopicId(topicId)
            .setErrorCode(Errors.NONE.code())
            .setErrorMessage(null) // as Kafka: null, not the schema's default "", when there is no error
            .setNumPartitions(assignments.size())
            .setReplicationFactor((short) assignments.get(0).length)
            .setConfigs(responseConfigs(image, overrides));
    }

    private static Optional<ApiError> validateName(MetadataImage image, String name, Set<String> createdNames) {
        try {
            Topic.validate(name);
        } catch (InvalidTopicException e) {
            return Optional.of(new ApiError(Errors.INVALID_TOPIC_EXCEPTION, e.getMessage()));
        }
        if (image.topics().get(name).isPresent() || createdNames.contains(name)) {
            return Optional.of(new ApiError(Errors.TOPIC_ALREADY_EXISTS, "Topic '" + name + "' already exists."));
        }
        if (Topic.hasCollisionChars(name)) {
            String unified = Topic.unifyCollisionChars(name);
            Optional<String> collision = image.topics().all().stream().map(t -> t.name())
                .filter(existing -> Topic.unifyCollisionChars(existing).equals(unified)).findFirst()
                .or(() -> createdNames.stream().filter(n -> Topic.unifyCollisionChars(n).equals(unified)).findFirst());
            if (collision.isPresent()) {
                return Optional.of(new ApiError(Errors.INVALID_TOPIC_EXCEPTION,
                    "Topic '" + name + "' collides with existing topic: " + collision.get()));
            }
        }
        return Optional.empty();
    }

    private Optional<ApiError> placeReplicas(MetadataImage image, CreatableTopic topic, List<int[]> assignments) {
        int replicationFactor = topic.replicationFactor();
        if (replicationFactor == -1) {
            replicationFactor = ((Number) resolver.brokerValue(image, BrokerConfigDefinitions.DEFAULT_REPLICATION_FACTOR)).intValue();
        } else if (replicationFactor <= 0) {
            return Optional.of(new ApiError(Errors.INVALID_REPLICATION_FACTOR,
                "Replication factor must be larger than 0, or -1 to use the default value."));
        }
        int numPartitions = topic.numPartitions();
        if (numPartitions == -1) {
            numPartitions = (Integer) resolver.brokerValue(image, BrokerConfigDefinitions.NUM_PARTITIONS);
        } else if (numPartitions <= 0) {
            return Optional.of(new ApiError(Errors.INVALID_PARTITIONS,
                "Number of partitions was set to an invalid non-positive value."));
        }
        Optional<ApiError> error = ReplicaPlacer.checkReplicationFactor(image.brokers(), replicationFactor);
        if (error.isPresent()) {
            return error;
        }
        assignments.addAll(ReplicaPlacer.place(image.brokers(), 0, numPartitions, replicationFactor));
        return Optional.empty();
    }

    private static Optional<ApiError> manualAssignments(MetadataImage image, CreatableTopic topic, List<int[]> assignments) {
        if (topic.numPartitions() != -1) {
            return Optional.of(new ApiError(Errors.INVALID_REQUEST,
                "A manual partition assignment was specified, but numPartitions was not set to -1."));
        }
        if (topic.replicationFactor() != -1) {
            return Optional.of(new ApiError(Errors.INVALID_REQUEST,
                "A manual partition assignment was specified, but replicationFactor was not set to -1."));
        }
        Map<Integer, int[]> byPartition = new HashMap<>();
        int replicationFactor = -1;
        for (CreatableReplicaAssignment assignment : topic.assignments()) {
            if (byPartition.containsKey(assignment.partitionIndex())) {
                return Optional.of(new ApiError(Errors.INVALID_REPLICA_ASSIGNMENT,
                    "Found multiple manual partition assignments for partition " + assignment.partitionIndex()));
            }
            Optional<ApiError> error = ReplicaPlacer.validateManualAssignment(image.brokers(), assignment.brokerIds(),
                replicationFactor);
            if (error.isPresent()) {
                return error;
            }
            replicationFactor = assignment.brokerIds().size();
            byPartition.put(assignment.partitionIndex(), ReplicaPlacer.toArray(assignment.brokerIds()));
        }
        for (int partition = 0; partition < byPartition.size(); partition++) {
            if (!byPartition.containsKey(partition)) {
                return Optional.of(new ApiError(Errors.INVALID_REPLICA_ASSIGNMENT,
                    "partitions should be a consecutive 0-based integer sequence"));
            }
            assignments.add(byPartition.get(partition));
        }
        return Optional.empty();
    }

    private List<CreatableTopicConfigs> responseConfigs(MetadataImage image, Map<String, String> overrides) {
        List<CreatableTopicConfigs> configs = new ArrayList<>();
        for (String name : new TreeMap<>(TopicConfigDefinitions.DEFINITION.configKeys()).keySet()) {
            ResolvedConfig resolved = resolver.resolveTopicConfig(image, overrides, name);
            configs.add(new CreatableTopicConfigs()
                .setName(name)
                .setValue(org.apache.kafka.common.config.ConfigDef.convertToString(resolved.value(),
                    TopicConfigDefinitions.DEFINITION.configKeys().get(name).type))
                .setReadOnly(false)
                .setConfigSource(resolved.source().id())
                .setIsSensitive(false));
        }
        return configs;
    }

    private static Set<String> duplicateNames(CreateTopicsRequestData request) {
        Set<String> seen = new HashSet<>();
        Set<String> duplicates = new java.util.LinkedHashSet<>();
        for (CreatableTopic topic : request.topics()) {
            if (!seen.add(topic.name())) {
                duplicates.add(topic.name());
            }
        }
        return duplicates;
    }

    private static Uuid newTopicId(MetadataImage image) {
        Uuid id;
        do {
            id = Uuid.randomUuid();
        } while (image.topics().get(id).isPresent());
        return id;
    }
}
