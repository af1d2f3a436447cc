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
import io.tributary.storage.api.EpochEndOffset;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData.OffsetForLeaderPartition;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData.OffsetForLeaderTopic;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData.OffsetForLeaderTopicResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.OffsetsForLeaderEpochRequest;
import org.apache.kafka.common.requests.OffsetsForLeaderEpochResponse;

/**
 * OffsetForLeaderEpoch: the end offset of the largest epoch not above the requested one, which consumers use
 * to detect log truncation after a leader change (KIP-320).
 */
public final class OffsetForLeaderEpochHandler implements ApiHandler<OffsetsForLeaderEpochRequest> {

    private final PartitionManager partitions;

    private final RequestAuthorizer authorizer;

    public OffsetForLeaderEpochHandler(PartitionManager partitions) {
        this(partitions, RequestAuthorizer.NONE);
    }

    public OffsetForLeaderEpochHandler(PartitionManager partitions, RequestAuthorizer authorizer) {
        this.partitions = partitions;
        this.authorizer = authorizer;
    }

    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, OffsetsForLeaderEpochRequest request) {
        OffsetForLeaderEpochResponseData data = new OffsetForLeaderEpochResponseData();
        // Followers hold CLUSTER_ACTION; consumers need DESCRIBE on each topic (as Kafka).
        boolean clusterAction = authorizer.authorizeCluster(context, AclOperation.CLUSTER_ACTION);
        for (OffsetForLeaderTopic topic : request.data().topics()) {
            OffsetForLeaderTopicResult topicResult = new OffsetForLeaderTopicResult().setTopic(topic.topic());
            data.topics().add(topicResult);
            boolean denied = !clusterAction
                    && !authorizer.authorize(context, AclOperation.DESCRIBE, ResourceType.TOPIC, topic.topic());
            for (OffsetForLeaderPartition p : topic.partitions()) {
                topicResult.partitions().add(denied ? new OffsetForLeaderEpochResponseData.EpochEndOffset()
                        .setPartition(p.partition()).setLeaderEpoch(-1).setEndOffset(-1)
                        .setErrorCode(Errors.TOPIC_AUTHORIZATION_FAILED.code())
                        : lookUp(new TopicPartition(topic.topic(), p.partition()), p));
            }
        }
        return Responses.completed(new OffsetsForLeaderEpochResponse(data));
    }

    private OffsetForLeaderEpochResponseData.EpochEndOffset lookUp(TopicPartition tp, OffsetForLeaderPartition p) {
        OffsetForLeaderEpochResponseData.EpochEndOffset result = new OffsetForLeaderEpochResponseData.EpochEndOffset()
                .setPartition(p.partition())
                .setLeaderEpoch(-1)
                .setEndOffset(-1);
        try {
            Partition partition = partitions.leader(tp, Optional.of(p.currentLeaderEpoch()));
            EpochEndOffset found = partition.endOffsetForEpoch(p.leaderEpoch());
            return result.setLeaderEpoch(found.leaderEpoch()).setEndOffset(found.endOffset());
        } catch (ApiException e) {
            return result.setErrorCode(Errors.forException(e).code());
        }
    }
}
