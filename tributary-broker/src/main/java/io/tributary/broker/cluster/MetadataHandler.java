package io.tributary.broker.cluster;

import io.tributary.broker.api.ApiHandler;
import io.tributary.broker.authz.RequestAuthorizer;
import java.util.HashSet;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import io.tributary.broker.partition.TopicLookup;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseBroker;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponsePartition;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopic;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.MetadataResponse;

/**
 * Metadata: brokers on the client's listener, and topics with their partitions, leaders (LEADER_NOT_AVAILABLE
 * without one), leader epochs, replicas, ISR and offline replicas. Missing topics are auto-created (when allowed)
 * through the controller before answering.
 */
public final class MetadataHandler implements ApiHandler<MetadataRequest> {

    private final ClusterView cluster;
    private final TopicLookup topics;
    private final boolean autoCreateEnabled;
    private final TopicAutoCreator autoCreator;
    private final RequestAuthorizer authorizer;

    public MetadataHandler(ClusterView cluster, TopicLookup topics, boolean autoCreateEnabled,
                           TopicAutoCreator autoCreator) {
        this(cluster, topics, autoCreateEnabled, autoCreator, RequestAuthorizer.NONE);
    }

    public MetadataHandler(ClusterView cluster, TopicLookup topics, boolean autoCreateEnabled,
                           TopicAutoCreator autoCreator, RequestAuthorizer authorizer) {
        this.authorizer = authorizer;
        this.cluster = cluster;
        this.topics = topics;
        this.autoCreateEnabled = autoCreateEnabled;
        this.autoCreator = autoCreator;
    }

    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, MetadataRequest request) {
        MetadataRequestData data = request.data();
        boolean allowAutoCreate = autoCreateEnabled && (context.apiVersion() < 4 || data.allowAutoTopicCreation());
        List<CompletableFuture<Void>> creations = new ArrayList<>();
        Set<String> created = ConcurrentHashMap.newKeySet();
        Set<String> createDenied = new HashSet<>();
        if (!request.isAllTopics() && allowAutoCreate) {
            for (MetadataRequestData.MetadataRequestTopic t : data.topics()) {
                if (!byId(t) && t.name() != null && topics.byName(t.name()).isEmpty() && creatable(t.name())
                        && describable(context, t.name())) {
                    // As Kafka: auto-creation needs CREATE on the cluster or on the topic.
                    if (!authorizer.authorizeCluster(context, AclOperation.CREATE)
                            && !authorizer.authorize(context, AclOperation.CREATE, ResourceType.TOPIC, t.name())) {
                        createDenied.add(t.name());
                        continue;
                    }
                    creations.add(autoCreator.create(t.name()).toCompletableFuture()
                            .thenRun(() -> created.add(t.name()))
                            .exceptionally(e -> null));
                }
            }
        }
        return CompletableFuture.allOf(creations.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> ResponseAction.send(new MetadataResponse(
                        build(context, request, created, createDenied),
                        context.apiVersion())));
    }

    /** Clients asking by id send the id with a null or empty name (v12+). */
    private static boolean byId(MetadataRequestData.MetadataRequestTopic topic) {
        return topic.topicId() != null && !Uuid.ZERO_UUID.equals(topic.topicId());
    }

    private static boolean creatable(String name) {
        try {
            Topic.validate(name);
            return !Topic.isInternal(name);
        } catch (InvalidTopicException e) {
            return false;
        }
    }

    private boolean describable(RequestContext context, String topic) {
        return authorizer.authorize(context, AclOperation.DESCRIBE, ResourceType.TOPIC, topic);
    }

    /**
     * @param created      topics created for this request, which this node's image may not show yet
     * @param createDenied missing topics the principal may describe but not create
     */
    private MetadataResponseData build(RequestContext context, MetadataRequest request, Set<String> created,
                                       Set<String> createDenied) {
        MetadataRequestData data = request.data();
        MetadataImage image = topics.image();
        MetadataResponseData response = new MetadataResponseData()
                .setClusterId(cluster.clusterId())
                .setControllerId(cluster.controllerId())
                .setClusterAuthorizedOperations(AuthorizedOperations.cluster(context, authorizer,
                        data.includeClusterAuthorizedOperations()));
        for (Node node : cluster.aliveBrokers(context.listenerName())) {
            response.brokers().add(new MetadataResponseBroker()
                    .setNodeId(node.id())
                    .setHost(node.host())
                    .setPort(node.port())
                    .setRack(node.rack()));
        }
        boolean topicOps = data.includeTopicAuthorizedOperations();
        if (request.isAllTopics()) {
            // Topics the principal may not describe are left out, as if they did not exist.
            for (TopicImage topic : image.topics().all()) {
                if (describable(context, topic.name())) {
                    response.topics().add(describe(context, topic, topicOps));
                }
            }
            return response;
        }
        Set<String> seenNames = new LinkedHashSet<>();
        for (MetadataRequestData.MetadataRequestTopic t : data.topics()) {
            if (byId(t)) {
                response.topics().add(byId(context, t.topicId(), topicOps));
            } else if (seenNames.add(t.name())) {
                response.topics().add(byName(context, t.name(), topicOps, created, createDenied));
            }
        }
        return response;
    }

    private MetadataResponseTopic byId(RequestContext context, Uuid id, boolean topicOps) {
        Optional<TopicImage> topic = topics.byId(id);
        if (topic.isPresent() && !describable(context, topic.get().name())) {
            // Topic ids are not secret: the id is echoed, the name is not.
            return new MetadataResponseTopic().setName(null).setTopicId(id)
                    .setErrorCode(Errors.TOPIC_AUTHORIZATION_FAILED.code());
        }
        return topic.map(t -> describe(context, t, topicOps)).orElseGet(() -> new MetadataResponseTopic()
                .setName(null)
                .setTopicId(id)
                .setErrorCode(Errors.UNKNOWN_TOPIC_ID.code()));
    }

    private MetadataResponseTopic byName(RequestContext context, String name, boolean topicOps, Set<String> created,
                                         Set<String> createDenied) {
        if (createDenied.contains(name) || !describable(context, name)) {
            // Kafka neither confirms nor denies that the topic exists.
            return new MetadataResponseTopic().setName(name).setTopicId(Uuid.ZERO_UUID)
                    .setErrorCode(Errors.TOPIC_AUTHORIZATION_FAILED.code());
        }
        Optional<TopicImage> topic = topics.byName(name);
        if (topic.isPresent()) {
            return describe(context, topic.get(), topicOps);
        }
        // Created by the controller but not applied here yet: Kafka's answer for a topic still being set up.
        Errors error = created.contains(name) ? Errors.LEADER_NOT_AVAILABLE : Errors.UNKNOWN_TOPIC_OR_PARTITION;
        try {
            Topic.validate(name);
        } catch (InvalidTopicException e) {
            error = Errors.INVALID_TOPIC_EXCEPTION;
        }
        return new MetadataResponseTopic().setName(name).setErrorCode(error.code());
    }

    private MetadataResponseTopic describe(RequestContext context, TopicImage topic, boolean topicOps) {
        MetadataResponseTopic response = new MetadataResponseTopic()
                .setName(topic.name())
                .setTopicId(topic.id())
                .setIsInternal(Topic.isInternal(topic.name()))
                .setTopicAuthorizedOperations(topicOps
                        ? authorizer.authorizedOperations(context, ResourceType.TOPIC, topic.name())
                        : AuthorizedOperations.NOT_REQUESTED);
        for (Map.Entry<Integer, PartitionRegistration> p : topic.partitions().entrySet()) {
            PartitionRegistration registration = p.getValue();
            response.partitions().add(new MetadataResponsePartition()
                    .setPartitionIndex(p.getKey())
                    .setErrorCode(registration.hasLeader() ? Errors.NONE.code() : Errors.LEADER_NOT_AVAILABLE.code())
                    .setLeaderId(registration.leader())
                    .setLeaderEpoch(registration.leaderEpoch())
                    .setReplicaNodes(ReplicaLists.toList(registration.replicas()))
                    .setIsrNodes(ReplicaLists.toList(registration.isr()))
                    .setOfflineReplicas(ReplicaLists.offline(cluster, registration.replicas())));
        }
        response.partitions().sort((a, b) -> Integer.compare(a.partitionIndex(), b.partitionIndex()));
        return response;
    }


}
