package io.tributary.broker.quota;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.TopicImage;
import io.tributary.network.RequestContext;
import io.tributary.network.RequestHandler;
import io.tributary.network.ResponseAction;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.ThrottlingQuotaExceededException;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.CreatePartitionsRequest;
import org.apache.kafka.common.requests.CreatePartitionsResponse;
import org.apache.kafka.common.requests.CreateTopicsRequest;
import org.apache.kafka.common.requests.CreateTopicsResponse;
import org.apache.kafka.common.requests.DeleteTopicsRequest;
import org.apache.kafka.common.requests.DeleteTopicsResponse;
import org.apache.kafka.common.utils.Time;

/**
 * {@code controller_mutation_rate} (KIP-599): partitions created (CreateTopics, CreatePartitions) and deleted
 * (DeleteTopics) count as mutations against a token bucket. From CreateTopics v6, CreatePartitions v3 and
 * DeleteTopics v5 the quota is strict: once exhausted, requests are refused with THROTTLING_QUOTA_EXCEEDED and
 * the time until tokens are back ({@link StrictMutations}, topic by topic); before, it is permissive: the mutation
 * happens and the client is throttled. Enforced on the broker the client asked (Kafka checks at the controller).
 */
final class ControllerMutations {

    private final RequestHandler delegate;
    private final Supplier<MetadataImage> images;
    private final Time time;

    ControllerMutations(RequestHandler delegate, Supplier<MetadataImage> images, Time time) {
        this.delegate = delegate;
        this.images = images;
        this.time = time;
    }

    static boolean isMutation(ApiKeys api) {
        return api == ApiKeys.CREATE_TOPICS || api == ApiKeys.CREATE_PARTITIONS || api == ApiKeys.DELETE_TOPICS;
    }

    /** Kafka's strictSinceVersion of each API. */
    private static boolean strict(ApiKeys api, short version) {
        return switch (api) {
            case CREATE_TOPICS -> version >= 6;
            case CREATE_PARTITIONS -> version >= 3;
            case DELETE_TOPICS -> version >= 5;
            default -> false;
        };
    }

    CompletionStage<ResponseAction> handle(RequestContext context, AbstractRequest request, QuotaSensor quota) {
        Map<String, Integer> before = partitionCountsBefore(request);
        if (strict(context.apiKey(), context.apiVersion())) {
            return handleStrict(context, request, quota, before);
        }
        return delegate.handle(context, request).thenApply(action -> {
            if (action.kind() != ResponseAction.Kind.SEND) {
                return action;
            }
            int permits = mutations(request, action.response(), before);
            if (permits <= 0) {
                return action;
            }
            int throttleMs = quota.recordAndGetThrottleMs(permits, time.milliseconds());
            if (throttleMs <= 0) {
                return action;
            }
            quota.recordThrottle(throttleMs);
            AbstractResponse response = action.response();
            response.maybeSetThrottleTimeMs(Math.max(throttleMs, response.throttleTimeMs()));
            return action.throttledFor(throttleMs);
        });
    }

    /**
     * Topics admitted one by one until the bucket is empty, the rest refused; once the controller has answered, what
     * was taken is corrected to what was really created or deleted (a topic that failed takes nothing).
     */
    private CompletionStage<ResponseAction> handleStrict(RequestContext context, AbstractRequest request,
                                                         QuotaSensor quota, Map<String, Integer> before) {
        StrictMutations.Admission admission = StrictMutations.admit(request, before, quota, time.milliseconds());
        int throttleMs = admission.throttleMs();
        if (throttleMs > 0) {
            quota.recordThrottle(throttleMs);
        }
        if (admission.admitted() == null) {
            AbstractResponse refused = request.getErrorResponse(throttleMs,
                    new ThrottlingQuotaExceededException(throttleMs, Errors.THROTTLING_QUOTA_EXCEEDED.message()));
            return CompletableFuture.completedFuture(ResponseAction.send(refused).throttledFor(throttleMs));
        }
        AbstractRequest admitted = admission.admitted();
        return delegate.handle(context, admitted).thenApply(action -> {
            if (action.kind() != ResponseAction.Kind.SEND) {
                return action;
            }
            int actual = mutations(admitted, action.response(), before);
            if (actual != admission.permitsTaken()) {
                quota.recordNoCheck(actual - admission.permitsTaken(), time.milliseconds());
            }
            if (admission.refused().isEmpty()) {
                return action;
            }
            return ResponseAction.send(StrictMutations.merge(action.response(), admission.refused(), throttleMs))
                    .throttledFor(throttleMs);
        });
    }

    /** Partition counts of the topics a deletion or partition addition names, keyed by name or by id. */
    private Map<String, Integer> partitionCountsBefore(AbstractRequest request) {
        Map<String, Integer> counts = new HashMap<>();
        MetadataImage image = images.get();
        if (request instanceof DeleteTopicsRequest delete) {
            for (DeleteTopicsRequestData.DeleteTopicState topic : delete.data().topics()) {
                Optional<TopicImage> found = topic.name() != null ? image.topics().get(topic.name())
                        : image.topics().get(topic.topicId());
                found.ifPresent(t -> counts.put(t.name(), t.numPartitions()));
                found.ifPresent(t -> counts.put(t.id().toString(), t.numPartitions()));
            }
            for (String name : delete.data().topicNames()) {
                image.topics().get(name).ifPresent(t -> counts.put(t.name(), t.numPartitions()));
            }
        } else if (request instanceof CreatePartitionsRequest create) {
            for (CreatePartitionsRequestData.CreatePartitionsTopic topic : create.data().topics()) {
                image.topics().get(topic.name()).ifPresent(t -> counts.put(t.name(), t.numPartitions()));
            }
        }
        return counts;
    }

    /** The partitions the request created or deleted, as its response tells. */
    private static int mutations(AbstractRequest request, AbstractResponse answer, Map<String, Integer> before) {
        int permits = 0;
        if (request instanceof CreateTopicsRequest create && answer instanceof CreateTopicsResponse response) {
            if (create.data().validateOnly()) {
                return 0;
            }
            for (CreateTopicsResponseData.CreatableTopicResult result : response.data().topics()) {
                if (result.errorCode() == Errors.NONE.code()) {
                    permits += createdPartitions(create.data(), result);
                }
            }
        } else if (request instanceof CreatePartitionsRequest create
                && answer instanceof CreatePartitionsResponse response) {
            if (create.data().validateOnly()) {
                return 0;
            }
            Map<String, Integer> requested = new HashMap<>();
            create.data().topics().forEach(t -> requested.put(t.name(), t.count()));
            for (CreatePartitionsResponseData.CreatePartitionsTopicResult result : response.data().results()) {
                if (result.errorCode() == Errors.NONE.code() && requested.containsKey(result.name())) {
                    permits += Math.max(0, requested.get(result.name()) - before.getOrDefault(result.name(), 0));
                }
            }
        } else if (answer instanceof DeleteTopicsResponse response) {
            for (DeleteTopicsResponseData.DeletableTopicResult result : response.data().responses()) {
                if (result.errorCode() == Errors.NONE.code()) {
                    Integer count = result.name() != null ? before.get(result.name())
                            : before.get(result.topicId().toString());
                    permits += count == null ? 0 : count;
                }
            }
        }
        return permits;
    }

    private static int createdPartitions(CreateTopicsRequestData request,
                                         CreateTopicsResponseData.CreatableTopicResult result) {
        if (result.numPartitions() > 0) {
            return result.numPartitions();
        }
        CreateTopicsRequestData.CreatableTopic topic = request.topics().find(result.name());
        if (topic == null) {
            return 1;
        }
        if (topic.numPartitions() > 0) {
            return topic.numPartitions();
        }
        return Math.max(1, topic.assignments().size());
    }
}
