package io.tributary.broker.controllerlistener;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.internal.Record;

import io.tributary.broker.api.ApiHandler;
import io.tributary.broker.api.Responses;
import io.tributary.broker.authz.RequestAuthorizer;
import io.tributary.metadata.log.CommittedLogReader;
import io.tributary.metadata.log.CommittedLogReader.OffsetBeforeLogStartException;
import io.tributary.metadata.log.CommittedLogReader.SerializedBatch;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;

/**
 * Fetch of the committed metadata log ({@code __cluster_metadata}, partition 0) by broker-only nodes, which follow
 * it without voting. Each committed batch is one Kafka record batch whose base offset is the batch's offset and
 * whose single record's value is the batch in Tributary's metadata record format. A fetch with nothing new waits
 * up to its max wait for the next commit. The answer names the quorum leader and its endpoint, so the broker
 * learns where the active controller is.
 */
public final class MetadataFetchHandler implements ApiHandler<FetchRequest> {

    /** Topic ids only (v13+), the replica state (v15+); the broker-only nodes send v17. */
    public static final int MIN_VERSION = 13;
    public static final int MAX_VERSION = 17;

    private static final Header[] SNAPSHOT = {new RecordHeader(CommittedLogReader.SNAPSHOT_HEADER, new byte[0])};

    private final CommittedLogReader log;
    private final Supplier<Map<Integer, InetSocketAddress>> voters;
    private final RequestAuthorizer authorizer;

    public MetadataFetchHandler(CommittedLogReader log, Supplier<Map<Integer, InetSocketAddress>> voters,
                                RequestAuthorizer authorizer) {
        this.log = log;
        this.voters = voters;
        this.authorizer = authorizer;
    }

    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, FetchRequest request) {
        if (authorizer.enabled() && !authorizer.authorizeCluster(context, AclOperation.CLUSTER_ACTION)) {
            return Responses.completed(request.getErrorResponse(0,
                    new ClusterAuthorizationException("Cluster authorization failed.")));
        }
        FetchRequestData data = request.data();
        if (data.topics().size() != 1 || data.topics().get(0).partitions().size() != 1
                || !isMetadataTopic(data.topics().get(0)) || data.topics().get(0).partitions().get(0).partition() != 0) {
            return Responses.completed(request.getErrorResponse(0, Errors.UNKNOWN_TOPIC_OR_PARTITION.exception(
                    "A controller serves only the fetch of " + Topic.CLUSTER_METADATA_TOPIC_NAME + "-0")));
        }
        FetchRequestData.FetchPartition partition = data.topics().get(0).partitions().get(0);
        long from = partition.fetchOffset();
        // The fetcher's own progress: the leader lists it among DescribeQuorum's observers.
        log.observerFetched(data.replicaState().replicaId(), partition.replicaDirectoryId(), from);
        int maxBytes = Math.max(1, Math.min(partition.partitionMaxBytes(), data.maxBytes()));
        if (log.highWatermark() > from || data.maxWaitMs() <= 0) {
            return Responses.completed(answer(from, maxBytes));
        }
        return log.awaitCommittedAfter(from - 1)
                .completeOnTimeout(null, data.maxWaitMs(), TimeUnit.MILLISECONDS)
                .thenApply(ignored -> ResponseAction.send(answer(from, maxBytes)));
    }

    private static boolean isMetadataTopic(FetchRequestData.FetchTopic topic) {
        return Uuid.METADATA_TOPIC_ID.equals(topic.topicId())
                || Topic.CLUSTER_METADATA_TOPIC_NAME.equals(topic.topic());
    }

    private FetchResponse answer(long from, int maxBytes) {
        FetchResponseData.PartitionData partition = new FetchResponseData.PartitionData()
                .setPartitionIndex(0)
                .setHighWatermark(log.highWatermark())
                .setCurrentLeader(new FetchResponseData.LeaderIdAndEpoch()
                        .setLeaderId(log.leaderId().orElse(-1))
                        .setLeaderEpoch(log.leaderEpoch()));
        try {
            partition.setRecords(records(log.readCommitted(from, maxBytes)));
        } catch (OffsetBeforeLogStartException e) {
            partition.setErrorCode(Errors.OFFSET_OUT_OF_RANGE.code()).setRecords(MemoryRecords.EMPTY);
        } catch (RuntimeException e) {
            partition.setErrorCode(Errors.forException(e).code()).setRecords(MemoryRecords.EMPTY);
        }
        FetchResponseData response = new FetchResponseData().setResponses(List.of(
                new FetchResponseData.FetchableTopicResponse()
                        .setTopic(Topic.CLUSTER_METADATA_TOPIC_NAME)
                        .setTopicId(Uuid.METADATA_TOPIC_ID)
                        .setPartitions(List.of(partition))));
        log.leaderId().ifPresent(leader -> {
            InetSocketAddress address = voters.get().get(leader);
            if (address != null) {
                response.nodeEndpoints().add(new FetchResponseData.NodeEndpoint()
                        .setNodeId(leader).setHost(address.getHostString()).setPort(address.getPort()));
            }
        });
        return FetchResponse.of(response);
    }

    /** One record batch per metadata batch, concatenated. */
    private static MemoryRecords records(List<SerializedBatch> batches) {
        if (batches.isEmpty()) {
            return MemoryRecords.EMPTY;
        }
        ByteBuffer[] parts = new ByteBuffer[batches.size()];
        int size = 0;
        for (int i = 0; i < parts.length; i++) {
            SerializedBatch batch = batches.get(i);
            parts[i] = MemoryRecords.withRecords(RecordBatch.CURRENT_MAGIC_VALUE, batch.offset(), Compression.NONE,
                    org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                    new SimpleRecord(RecordBatch.NO_TIMESTAMP, null, batch.records().duplicate(),
                            batch.snapshot() ? SNAPSHOT : Record.EMPTY_HEADERS)).buffer();
            size += parts[i].remaining();
        }
        ByteBuffer all = ByteBuffer.allocate(size);
        for (ByteBuffer part : parts) {
            all.put(part.duplicate());
        }
        return MemoryRecords.readableRecords(all.flip());
    }
}
