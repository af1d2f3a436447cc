package io.tributary.metadata.controller;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsRequestData.DeleteTopicState;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsResponseData.DeletableTopicResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.TopicImage;
import io.tributary.metadata.config.EffectiveConfigResolver;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.RemoveTopicRecord;

/** Turns DeleteTopics (by name up to v5, by name or id from v6) into records. */
public final class TopicDeletion {

    private final EffectiveConfigResolver resolver;

    public TopicDeletion(EffectiveConfigResolver resolver) {
        this.resolver = resolver;
    }

    public ControllerResult<DeleteTopicsResponseData> deleteTopics(MetadataImage image, DeleteTopicsRequestData request,
                                                                   short version) {
        DeleteTopicsResponseData response = new DeleteTopicsResponseData();
        if (!(Boolean) resolver.brokerValue(image, "delete.topic.enable")) {
            // Kafka fails the whole request; older clients only understand INVALID_REQUEST.
            ApiError error = version < 3 ? new ApiError(Errors.INVALID_REQUEST, "Topic deletion is disabled.")
                : new ApiError(Errors.TOPIC_DELETION_DISABLED);
            request.topicNames().forEach(name -> add(response, name, Uuid.ZERO_UUID, error));
            request.topics().forEach(topic -> add(response, topic.name(), topic.topicId(), error));
            return new ControllerResult<>(List.of(), response);
        }
        Set<String> names = new LinkedHashSet<>();
        Set<String> duplicateNames = new LinkedHashSet<>();
        Set<Uuid> ids = new LinkedHashSet<>();
        Set<Uuid> duplicateIds = new LinkedHashSet<>();
        if (version < 6) {
            request.topicNames().forEach(name -> addOnce(name, names, duplicateNames));
        } else {
            for (DeleteTopicState topic : request.topics()) {
                boolean hasId = !Uuid.ZERO_UUID.equals(topic.topicId());
                if (topic.name() == null && !hasId) {
                    add(response, null, Uuid.ZERO_UUID, new ApiError(Errors.INVALID_REQUEST,
                        "Neither topic name nor id were specified."));
                } else if (topic.name() != null && hasId) {
                    add(response, topic.name(), topic.topicId(), new ApiError(Errors.INVALID_REQUEST,
                        "You may not specify both topic name and topic id."));
                } else if (hasId) {
                    addOnce(topic.topicId(), ids, duplicateIds);
                } else {
                    addOnce(topic.name(), names, duplicateNames);
                }
            }
        }
        duplicateNames.forEach(name -> add(response, name, Uuid.ZERO_UUID,
            new ApiError(Errors.INVALID_REQUEST, "Duplicate topic name.")));
        duplicateIds.forEach(id -> add(response, null, id, new ApiError(Errors.INVALID_REQUEST, "Duplicate topic id.")));

        Map<Uuid, String> toDelete = new HashMap<>();
        for (Uuid id : ids) {
            Optional<TopicImage> topic = image.topics().get(id);
            if (topic.isEmpty()) {
                add(response, null, id, new ApiError(Errors.UNKNOWN_TOPIC_ID));
            } else {
                toDelete.put(id, topic.get().name());
            }
        }
        for (String name : names) {
            Optional<TopicImage> topic = image.topics().get(name);
            if (topic.isEmpty()) {
                add(response, name, Uuid.ZERO_UUID, new ApiError(Errors.UNKNOWN_TOPIC_OR_PARTITION));
            } else if (toDelete.put(topic.get().id(), name) != null) {
                add(response, name, topic.get().id(), new ApiError(Errors.INVALID_REQUEST,
                    "The provided topic name maps to an ID that was already supplied."));
            }
        }
        List<MetadataRecord> records = new ArrayList<>();
        toDelete.forEach((id, name) -> {
            records.add(new RemoveTopicRecord(id));
            add(response, name, id, ApiError.NONE);
        });
        return new ControllerResult<>(records, response);
    }

    private static <T> void addOnce(T value, Set<T> values, Set<T> duplicates) {
        if (duplicates.contains(value) || !values.add(value)) {
            duplicates.add(value);
            values.remove(value);
        }
    }

    private static void add(DeleteTopicsResponseData response, String name, Uuid id, ApiError error) {
        response.responses().add(new DeletableTopicResult()
            .setName(name)
            .setTopicId(id)
            .setErrorCode(error.error().code())
            .setErrorMessage(error.isSuccess() ? null : error.message()));
    }
}
