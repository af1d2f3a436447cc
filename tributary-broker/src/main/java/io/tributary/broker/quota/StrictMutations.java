package io.tributary.broker.quota;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.CreatePartitionsRequest;
import org.apache.kafka.common.requests.CreatePartitionsResponse;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.CreateTopicsResponse;
import org.apache.kafka.common.requests.DeleteTopicsRequest;
import org.apache.kafka.common.requests.DeleteTopicsResponse;

/**
 * Kafka's strict controller mutation quota, topic by topic in request order: a topic is admitted while the token
 * bucket is not exhausted (its partitions are taken at once, so the next topic sees them) and refused with
 * THROTTLING_QUOTA_EXCEEDED once it is. The admitted topics go on to the controller as a request of their own; the
 * refused ones are answered here and merged into its response.
 */
final class StrictMutations {

    /** Marks a DeleteTopics topic named by id (v6+ may name topics by id only). */
    static final String ID_PREFIX = "id:";

    /** Topics refused (key: name, or topic id for a DeleteTopics by id) and what was taken for the admitted. */
    record Admission(List<String> refused, AbstractRequest admitted, int permitsTaken, int throttleMs) {
    }

    private StrictMutations() {
    }

    static Admission admit(AbstractRequest request, Map<String, Integer> partitionsBefore, QuotaSensor quota,
                           long nowMs) {
        Map<String, Integer> estimates = estimates(request, partitionsBefore);
        List<String> refused = new ArrayList<>();
        int taken = 0;
        int throttleMs = 0;
        for (Map.Entry<String, Integer> topic : estimates.entrySet()) {
            int exhaustedMs = quota.exhaustedThrottleMs(nowMs);
            if (exhaustedMs > 0) {
                refused.add(topic.getKey());
                throttleMs = Math.max(throttleMs, exhaustedMs);
            } else {
                quota.recordNoCheck(topic.getValue(), nowMs);
                taken += topic.getValue();
            }
        }
        AbstractRequest admitted = refused.isEmpty() ? request
                : refused.size() == estimates.size() ? null : without(request, refused);
        return new Admission(refused, admitted, taken, throttleMs);
    }

    /** The response to the admitted topics, with the refused ones added and the throttle time set. */
    static AbstractResponse merge(AbstractResponse response, List<String> refused, int throttleMs) {
        String message = Errors.THROTTLING_QUOTA_EXCEEDED.message();
        short code = Errors.THROTTLING_QUOTA_EXCEEDED.code();
        if (response instanceof CreateTopicsResponse r) {
            refused.forEach(name -> r.data().topics().add(new CreateTopicsResponseData.CreatableTopicResult()
                    .setName(name).setErrorCode(code).setErrorMessage(message)));
        } else if (response instanceof CreatePartitionsResponse r) {
            refused.forEach(name -> r.data().results().add(new CreatePartitionsResponseData
                    .CreatePartitionsTopicResult().setName(name).setErrorCode(code).setErrorMessage(message)));
        } else if (response instanceof DeleteTopicsResponse r) {
            refused.forEach(key -> r.data().responses().add(deletion(key, code, message)));
        }
        response.maybeSetThrottleTimeMs(Math.max(throttleMs, response.throttleTimeMs()));
        return response;
    }

    private static DeleteTopicsResponseData.DeletableTopicResult deletion(String key, short code, String message) {
        DeleteTopicsResponseData.DeletableTopicResult result = new DeleteTopicsResponseData.DeletableTopicResult()
                .setErrorCode(code).setErrorMessage(message);
        if (key.startsWith(ID_PREFIX)) {
            return result.setName(null)
                    .setTopicId(Uuid.fromString(key.substring(ID_PREFIX.length())));
        }
        return result.setName(key);
    }

    /** Each topic's partitions as far as the broker can tell before the controller acts (corrected afterwards). */
    private static Map<String, Integer> estimates(AbstractRequest request, Map<String, Integer> before) {
        Map<String, Integer> estimates = new LinkedHashMap<>();
        if (request instanceof CreateTopicsRequest create) {
            for (CreateTopicsRequestData.CreatableTopic topic : create.data().topics()) {
                int partitions = topic.numPartitions() > 0 ? topic.numPartitions()
                        : Math.max(1, topic.assignments().size());
                estimates.put(topic.name(), partitions);
            }
        } else if (request instanceof CreatePartitionsRequest create) {
            for (CreatePartitionsRequestData.CreatePartitionsTopic topic : create.data().topics()) {
                estimates.put(topic.name(), Math.max(0, topic.count() - before.getOrDefault(topic.name(), 0)));
            }
        } else if (request instanceof DeleteTopicsRequest delete) {
            for (String name : delete.data().topicNames()) {
                estimates.put(name, before.getOrDefault(name, 0));
            }
            for (DeleteTopicsRequestData.DeleteTopicState topic : delete.data().topics()) {
                if (topic.name() != null) {
                    estimates.put(topic.name(), before.getOrDefault(topic.name(), 0));
                } else {
                    estimates.put(ID_PREFIX + topic.topicId(), before.getOrDefault(topic.topicId().toString(), 0));
                }
            }
        }
        return estimates;
    }

    /** The same request (same version) without the refused topics. */
    private static AbstractRequest without(AbstractRequest request, List<String> refused) {
        short version = request.version();
        if (request instanceof CreateTopicsRequest create) {
            CreateTopicsRequestData data = create.data().duplicate();
            refused.forEach(name -> data.topics().remove(data.topics().find(name)));
            return new CreateTopicsRequest.Builder(data).build(version);
        } else if (request instanceof CreatePartitionsRequest create) {
            CreatePartitionsRequestData data = create.data().duplicate();
            data.topics().removeIf(topic -> refused.contains(topic.name()));
            return new CreatePartitionsRequest.Builder(data).build(version);
        }
        DeleteTopicsRequestData data = ((DeleteTopicsRequest) request).data().duplicate();
        data.topicNames().removeIf(refused::contains);
        data.topics().removeIf(topic -> refused.contains(topic.name() != null ? topic.name()
                : ID_PREFIX + topic.topicId()));
        return new DeleteTopicsRequest.Builder(data).build(version);
    }
}
