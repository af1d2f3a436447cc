package io.tributary.broker.cluster;

import static io.tributary.metadata.config.ServerConfigDefinitions.MAX_REQUEST_PARTITION_SIZE_LIMIT;

import io.tributary.broker.api.ApiHandler;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import io.tributary.broker.api.Responses;
import io.tributary.broker.authz.RequestAuthorizer;
import io.tributary.broker.partition.TopicLookup;
import io.tributary.metadata.config.ConfigDescriber;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.DescribeTopicPartitionsRequestData;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData.Cursor;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponsePartition;
import org.apache.kafka.common.message.DescribeTopicPartitionsResponseData.DescribeTopicPartitionsResponseTopic;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeTopicPartitionsRequest;
import org.apache.kafka.common.requests.DescribeTopicPartitionsResponse;
import org.apache.kafka.common.resource.ResourceType;

/**
 * DescribeTopicPartitions (KIP-966), what {@code kafka-topics --describe} and Admin.describeTopics use on Kafka 3.8+:
 * topics in name order, their partitions in index order, at most {@code max.request.partition.size.limit} (and the
 * request's own limit) per response, with a cursor to continue from. Asked for everything, topics the principal may
 * not describe are left out; asked by name, they are answered TOPIC_AUTHORIZATION_FAILED without saying whether they
 * exist. Eligible leader replicas are not kept here (no ELR), so those lists are empty, as Kafka's without ELR.
 */
public final class DescribeTopicPartitionsHandler implements ApiHandler<DescribeTopicPartitionsRequest> {

    private final ClusterView cluster;
    private final TopicLookup topics;
    private final ConfigDescriber configs;
    private final RequestAuthorizer authorizer;

    public DescribeTopicPartitionsHandler(ClusterView cluster, TopicLookup topics, ConfigDescriber configs,
                                          RequestAuthorizer authorizer) {
        this.cluster = cluster;
        this.topics = topics;
        this.configs = configs;
        this.authorizer = authorizer;
    }

    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, DescribeTopicPartitionsRequest request) {
        DescribeTopicPartitionsRequestData data = request.data();
        MetadataImage image = topics.image();
        boolean allTopics = data.topics().isEmpty();
        String cursorTopic = data.cursor() != null ? data.cursor().topicName() : "";
        TreeSet<String> names = new TreeSet<>();
        if (allTopics) {
            image.topics().all().forEach(t -> names.add(t.name()));
        } else {
            data.topics().forEach(t -> names.add(t.name()));
            if (data.cursor() != null && !names.contains(cursorTopic)) {
                return Responses.completed(request.getErrorResponse(0, new InvalidRequestException(
                        "DescribeTopicPartitionsRequest topic list should contain the cursor topic: " + cursorTopic)));
            }
        }
        if (data.cursor() != null && data.cursor().partitionIndex() < 0) {
            return Responses.completed(request.getErrorResponse(0, new InvalidRequestException(
                    "DescribeTopicPartitionsRequest cursor partition must be valid: " + data.cursor())));
        }
        int brokerLimit = ((Number) configs.brokerValue(image, MAX_REQUEST_PARTITION_SIZE_LIMIT)).intValue();
        int remaining = Math.max(Math.min(brokerLimit, data.responsePartitionLimit()), 1);
        DescribeTopicPartitionsResponseData response = new DescribeTopicPartitionsResponseData();
        List<DescribeTopicPartitionsResponseTopic> unauthorized = new ArrayList<>();
        for (String name : names.tailSet(cursorTopic, true)) {
            boolean describable = authorizer.authorize(context, AclOperation.DESCRIBE, ResourceType.TOPIC, name);
            if (!describable) {
                if (!allTopics) {
                    unauthorized.add(topicError(name, Errors.TOPIC_AUTHORIZATION_FAILED, Uuid.ZERO_UUID));
                }
                continue;
            }
            if (remaining == 0) {
                // The next response starts at this topic's first partition.
                response.setNextCursor(new Cursor().setTopicName(name).setPartitionIndex(0));
                break;
            }
            Optional<TopicImage> topic = image.topics().get(name);
            if (topic.isEmpty()) {
                if (!allTopics) {
                    response.topics().add(topicError(name, unknownOrInvalid(name), Uuid.ZERO_UUID));
                }
                continue;
            }
            int start = name.equals(cursorTopic) ? data.cursor().partitionIndex() : 0;
            int partitionCount = topic.get().partitions().size();
            int end = Math.min(partitionCount, start + remaining);
            DescribeTopicPartitionsResponseTopic described = describe(context, topic.get(), start, end);
            response.topics().add(described);
            remaining -= described.partitions().size();
            if (end < partitionCount) {
                response.setNextCursor(new Cursor().setTopicName(name).setPartitionIndex(end));
                break;
            }
        }
        response.topics().addAll(unauthorized);
        return Responses.completed(new DescribeTopicPartitionsResponse(response));
    }

    private DescribeTopicPartitionsResponseTopic describe(RequestContext context, TopicImage topic, int start,
                                                          int end) {
        DescribeTopicPartitionsResponseTopic described = new DescribeTopicPartitionsResponseTopic()
                .setErrorCode(Errors.NONE.code())
                .setName(topic.name())
                .setTopicId(topic.id())
                .setIsInternal(Topic.isInternal(topic.name()))
                .setTopicAuthorizedOperations(authorizer.authorizedOperations(context, ResourceType.TOPIC,
                        topic.name()));
        for (int index = start; index < end; index++) {
            Optional<PartitionRegistration> found = topic.partition(index);
            if (found.isEmpty()) {
                continue;
            }
            PartitionRegistration p = found.get();
            described.partitions().add(new DescribeTopicPartitionsResponsePartition()
                    .setErrorCode(Errors.NONE.code())
                    .setPartitionIndex(index)
                    .setLeaderId(p.hasLeader() && cluster.isAlive(p.leader()) ? p.leader() : -1)
                    .setLeaderEpoch(p.leaderEpoch())
                    .setReplicaNodes(ReplicaLists.toList(p.replicas()))
                    .setIsrNodes(ReplicaLists.toList(p.isr()))
                    .setEligibleLeaderReplicas(ReplicaLists.toList(p.elr()))
                    .setLastKnownElr(ReplicaLists.toList(p.lastKnownElr()))
                    .setOfflineReplicas(ReplicaLists.offline(cluster, p.replicas())));
        }
        return described;
    }

    private static DescribeTopicPartitionsResponseTopic topicError(String name, Errors error, Uuid id) {
        return new DescribeTopicPartitionsResponseTopic().setErrorCode(error.code()).setName(name).setTopicId(id)
                .setIsInternal(Topic.isInternal(name));
    }

    private static Errors unknownOrInvalid(String name) {
        try {
            Topic.validate(name);
            return Errors.UNKNOWN_TOPIC_OR_PARTITION;
        } catch (InvalidTopicException e) {
            return Errors.INVALID_TOPIC_EXCEPTION;
        }
    }


}
