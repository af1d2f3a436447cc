package io.tributary.broker.offsets;

import io.tributary.broker.authz.RequestAuthorizer;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;

import io.tributary.broker.api.ApiHandler;
import io.tributary.broker.api.Responses;
import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.PartitionManager;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.OffsetOutOfRangeException;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsPartition;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsTopic;
import org.apache.kafka.common.message.DeleteRecordsResponseData;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsPartitionResult;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsTopicResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DeleteRecordsRequest;
import org.apache.kafka.common.requests.DeleteRecordsResponse;

/** DeleteRecords: moves a partition's log start offset forward (offset -1 means the high watermark). */
public final class DeleteRecordsHandler implements ApiHandler<DeleteRecordsRequest> {

    private final PartitionManager partitions;

    private final RequestAuthorizer authorizer;

    public DeleteRecordsHandler(PartitionManager partitions) {
        this(partitions, RequestAuthorizer.NONE);
    }

    public DeleteRecordsHandler(PartitionManager partitions, RequestAuthorizer authorizer) {
        this.partitions = partitions;
        this.authorizer = authorizer;
    }

    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, DeleteRecordsRequest request) {
        DeleteRecordsResponseData data = new DeleteRecordsResponseData();
        for (DeleteRecordsTopic topic : request.data().topics()) {
            DeleteRecordsTopicResult topicResult = new DeleteRecordsTopicResult().setName(topic.name());
            data.topics().add(topicResult);
            boolean denied = !authorizer.authorize(context, AclOperation.DELETE, ResourceType.TOPIC, topic.name());
            for (DeleteRecordsPartition p : topic.partitions()) {
                topicResult.partitions().add(denied ? new DeleteRecordsPartitionResult()
                        .setPartitionIndex(p.partitionIndex()).setLowWatermark(-1)
                        .setErrorCode(Errors.TOPIC_AUTHORIZATION_FAILED.code())
                        : delete(new TopicPartition(topic.name(), p.partitionIndex()), p));
            }
        }
        return Responses.completed(new DeleteRecordsResponse(data));
    }

    private DeleteRecordsPartitionResult delete(TopicPartition tp, DeleteRecordsPartition p) {
        DeleteRecordsPartitionResult result = new DeleteRecordsPartitionResult().setPartitionIndex(p.partitionIndex());
        try {
            Partition partition = partitions.leader(tp);
            long offset = p.offset() == DeleteRecordsRequest.HIGH_WATERMARK ? partition.highWatermark() : p.offset();
            if (offset < 0 || offset > partition.highWatermark()) {
                throw new OffsetOutOfRangeException("Cannot delete records of partition " + tp + " before offset "
                        + offset + " since it is beyond the high watermark " + partition.highWatermark());
            }
            return result.setLowWatermark(partition.deleteRecordsBefore(offset));
        } catch (ApiException e) {
            return result.setErrorCode(Errors.forException(e).code()).setLowWatermark(-1);
        }
    }
}
