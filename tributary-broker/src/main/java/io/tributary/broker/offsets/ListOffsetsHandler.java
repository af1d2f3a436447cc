package io.tributary.broker.offsets;

import io.tributary.broker.authz.RequestAuthorizer;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;

import io.tributary.broker.api.ApiHandler;
import io.tributary.broker.api.Responses;
import io.tributary.broker.api.VersionedErrors;
import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.PartitionManager;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import io.tributary.storage.api.TimestampOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.OffsetNotAvailableException;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsTopic;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsPartitionResponse;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsTopicResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ListOffsetsRequest;
import org.apache.kafka.common.requests.ListOffsetsResponse;

/** ListOffsets: earliest, latest (bounded by the isolation level), max timestamp, or first offset at a time. */
public final class ListOffsetsHandler implements ApiHandler<ListOffsetsRequest> {

    private final PartitionManager partitions;

    /** The version that introduced each special timestamp (KIP-734, KIP-405, KIP-1005, KIP-1023). */
    private static final Map<Long, Short> SPECIAL_TIMESTAMP_SINCE = Map.of(
            ListOffsetsRequest.EARLIEST_TIMESTAMP, (short) 0,
            ListOffsetsRequest.LATEST_TIMESTAMP, (short) 0,
            ListOffsetsRequest.MAX_TIMESTAMP, (short) 7,
            ListOffsetsRequest.EARLIEST_LOCAL_TIMESTAMP, (short) 8,
            ListOffsetsRequest.LATEST_TIERED_TIMESTAMP, (short) 9,
            ListOffsetsRequest.EARLIEST_PENDING_UPLOAD_TIMESTAMP, (short) 11);

    private final RequestAuthorizer authorizer;

    public ListOffsetsHandler(PartitionManager partitions) {
        this(partitions, RequestAuthorizer.NONE);
    }

    public ListOffsetsHandler(PartitionManager partitions, RequestAuthorizer authorizer) {
        this.partitions = partitions;
        this.authorizer = authorizer;
    }

    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, ListOffsetsRequest request) {
        Set<TopicPartition> duplicates = request.duplicatePartitions();
        ListOffsetsResponseData data = new ListOffsetsResponseData();
        for (ListOffsetsTopic topic : request.topics()) {
            ListOffsetsTopicResponse topicResponse = new ListOffsetsTopicResponse().setName(topic.name());
            data.topics().add(topicResponse);
            boolean denied = !authorizer.authorize(context, AclOperation.DESCRIBE, ResourceType.TOPIC, topic.name());
            for (ListOffsetsPartition p : topic.partitions()) {
                TopicPartition tp = new TopicPartition(topic.name(), p.partitionIndex());
                ListOffsetsPartitionResponse answer = denied
                        ? error(p.partitionIndex(), Errors.TOPIC_AUTHORIZATION_FAILED)
                        : duplicates.contains(tp)
                        ? error(p.partitionIndex(), Errors.INVALID_REQUEST)
                        : !knownTimestamp(p.timestamp(), context.apiVersion())
                        ? error(p.partitionIndex(), Errors.UNSUPPORTED_VERSION)
                        : lookUp(tp, p, request.isolationLevel(), context.apiVersion());
                if (context.apiVersion() < 4) {
                    answer.setLeaderEpoch(-1); // not in the schema before v4
                }
                topicResponse.partitions().add(answer);
            }
        }
        return Responses.completed(new ListOffsetsResponse(data));
    }

    private ListOffsetsPartitionResponse lookUp(TopicPartition tp, ListOffsetsPartition p, IsolationLevel isolation,
                                                short version) {
        try {
            Partition partition = partitions.leader(tp, Optional.of(p.currentLeaderEpoch()));
            Optional<TimestampOffset> found = find(partition, p.timestamp(), isolation);
            ListOffsetsPartitionResponse response = new ListOffsetsPartitionResponse()
                    .setPartitionIndex(p.partitionIndex())
                    .setTimestamp(-1)
                    .setOffset(-1)
                    .setLeaderEpoch(-1);
            found.ifPresent(t -> response.setTimestamp(t.timestamp()).setOffset(t.offset())
                    .setLeaderEpoch(t.leaderEpoch()));
            return response;
        } catch (ApiException e) {
            return error(p.partitionIndex(),
                    VersionedErrors.forVersion(ApiKeys.LIST_OFFSETS, version, Errors.forException(e)));
        }
    }

    /**
     * As Kafka: offsets up to the last fetchable one (the high watermark, the last stable offset for
     * read_committed). A new leader whose high watermark has not yet reached the start of its epoch may know less
     * than its predecessor told: it answers OFFSET_NOT_AVAILABLE rather than an offset that could go backwards.
     */
    private static Optional<TimestampOffset> find(Partition partition, long timestamp, IsolationLevel isolation) {
        int epoch = partition.leaderEpoch();
        if (timestamp == ListOffsetsRequest.EARLIEST_TIMESTAMP
                || timestamp == ListOffsetsRequest.EARLIEST_LOCAL_TIMESTAMP) {
            return Optional.of(new TimestampOffset(-1, partition.logStartOffset(), epoch));
        }
        if (timestamp == ListOffsetsRequest.LATEST_TIERED_TIMESTAMP
                || timestamp == ListOffsetsRequest.EARLIEST_PENDING_UPLOAD_TIMESTAMP) {
            // No tiered storage: nothing is, or will be, uploaded.
            return Optional.empty();
        }
        long highWatermark = partition.highWatermark();
        long lastFetchable = isolation == IsolationLevel.READ_COMMITTED
                ? Math.min(partition.lastStableOffset(), highWatermark) : highWatermark;
        boolean lagging = partition.highWatermarkBehindEpochStart();
        if (timestamp == ListOffsetsRequest.LATEST_TIMESTAMP) {
            if (lagging) {
                throw offsetNotAvailable(partition, highWatermark);
            }
            return Optional.of(new TimestampOffset(-1, lastFetchable, epoch));
        }
        Optional<TimestampOffset> found = timestamp == ListOffsetsRequest.MAX_TIMESTAMP
                ? partition.offsetOfMaxTimestamp() : partition.offsetForTimestamp(timestamp);
        if (found.isPresent() && found.get().offset() >= lastFetchable) {
            if (lagging) {
                throw offsetNotAvailable(partition, highWatermark);
            }
            return Optional.empty();
        }
        return found;
    }

    private static OffsetNotAvailableException offsetNotAvailable(Partition partition, long highWatermark) {
        return new OffsetNotAvailableException("The high watermark " + highWatermark + " of "
                + partition.topicPartition() + " is still behind the start of leader epoch "
                + partition.leaderEpoch());
    }

    /** A real timestamp, or a special one (-1, -2, ...) that this request version defines, as Kafka checks. */
    private static boolean knownTimestamp(long timestamp, short version) {
        if (timestamp >= 0) {
            return true;
        }
        Short since = SPECIAL_TIMESTAMP_SINCE.get(timestamp);
        return since != null && version >= since;
    }

    private static ListOffsetsPartitionResponse error(int partition, Errors error) {
        return new ListOffsetsPartitionResponse()
                .setPartitionIndex(partition)
                .setErrorCode(error.code())
                .setTimestamp(-1)
                .setOffset(-1)
                .setLeaderEpoch(-1);
    }
}
