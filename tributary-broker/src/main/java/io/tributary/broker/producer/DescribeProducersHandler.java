package io.tributary.broker.producer;

import io.tributary.broker.authz.RequestAuthorizer;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;

import io.tributary.broker.api.ApiHandler;
import io.tributary.broker.api.Responses;
import io.tributary.broker.partition.PartitionManager;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import io.tributary.storage.api.ProducerStateView;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.message.DescribeProducersRequestData.TopicRequest;
import org.apache.kafka.common.message.DescribeProducersResponseData;
import org.apache.kafka.common.message.DescribeProducersResponseData.PartitionResponse;
import org.apache.kafka.common.message.DescribeProducersResponseData.ProducerState;
import org.apache.kafka.common.message.DescribeProducersResponseData.TopicResponse;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeProducersRequest;
import org.apache.kafka.common.requests.DescribeProducersResponse;

/** DescribeProducers: the active idempotent/transactional producers of each partition (kafka-transactions). */
public final class DescribeProducersHandler implements ApiHandler<DescribeProducersRequest> {

    private final PartitionManager partitions;

    private final RequestAuthorizer authorizer;

    public DescribeProducersHandler(PartitionManager partitions) {
        this(partitions, RequestAuthorizer.NONE);
    }

    public DescribeProducersHandler(PartitionManager partitions, RequestAuthorizer authorizer) {
        this.partitions = partitions;
        this.authorizer = authorizer;
    }

    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, DescribeProducersRequest request) {
        DescribeProducersResponseData data = new DescribeProducersResponseData();
        for (TopicRequest topic : request.data().topics()) {
            TopicResponse topicResponse = new TopicResponse().setName(topic.name());
            data.topics().add(topicResponse);
            boolean denied = !authorizer.authorize(context, AclOperation.READ, ResourceType.TOPIC, topic.name());
            for (int index : topic.partitionIndexes()) {
                topicResponse.partitions().add(denied ? new PartitionResponse().setPartitionIndex(index)
                        .setErrorCode(Errors.TOPIC_AUTHORIZATION_FAILED.code())
                        : describe(new TopicPartition(topic.name(), index)));
            }
        }
        return Responses.completed(new DescribeProducersResponse(data));
    }

    private PartitionResponse describe(TopicPartition tp) {
        PartitionResponse response = new PartitionResponse().setPartitionIndex(tp.partition());
        try {
            for (ProducerStateView state : partitions.leader(tp).activeProducers()) {
                response.activeProducers().add(new ProducerState()
                        .setProducerId(state.producerId())
                        .setProducerEpoch(state.producerEpoch())
                        .setLastSequence(state.lastSequence())
                        .setLastTimestamp(state.lastTimestamp())
                        .setCoordinatorEpoch(state.coordinatorEpoch())
                        .setCurrentTxnStartOffset(state.currentTxnStartOffset()));
            }
            return response;
        } catch (ApiException e) {
            return response.setErrorCode(Errors.forException(e).code()).setErrorMessage(e.getMessage());
        }
    }
}
