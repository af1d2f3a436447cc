package io.tributary.broker.group;

import io.tributary.broker.authz.RequestAuthorizer;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;

import io.tributary.broker.api.ApiHandler;
import io.tributary.broker.cluster.ClusterView;
import io.tributary.broker.partition.TopicLookup;
import io.tributary.coordinator.group.GroupCoordinator;
import io.tributary.coordinator.transaction.TransactionCoordinator;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.FindCoordinatorResponseData.Coordinator;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.FindCoordinatorRequest;
import org.apache.kafka.common.requests.FindCoordinatorRequest.CoordinatorType;
import org.apache.kafka.common.requests.FindCoordinatorResponse;

/**
 * FindCoordinator: the broker leading the partition of {@code __consumer_offsets} (groups) or
 * {@code __transaction_state} (transactional ids) that owns the key (COORDINATOR_NOT_AVAILABLE while it has no
 * live leader). The first request creates that topic.
 * Share groups don't exist here, so that key type is refused outright (INVALID_REQUEST) rather than left to
 * retry forever.
 */
public final class FindCoordinatorHandler implements ApiHandler<FindCoordinatorRequest> {

    private final GroupCoordinator groups;
    private final TransactionCoordinator transactions;
    private final InternalTopics internalTopics;
    private final ClusterView cluster;
    private final TopicLookup topics;
    private final RequestAuthorizer authorizer;

    public FindCoordinatorHandler(GroupCoordinator groups, TransactionCoordinator transactions,
                                  InternalTopics internalTopics, ClusterView cluster, TopicLookup topics) {
        this(groups, transactions, internalTopics, cluster, topics, RequestAuthorizer.NONE);
    }

    public FindCoordinatorHandler(GroupCoordinator groups, TransactionCoordinator transactions,
                                  InternalTopics internalTopics, ClusterView cluster, TopicLookup topics,
                                  RequestAuthorizer authorizer) {
        this.authorizer = authorizer;
        this.groups = groups;
        this.transactions = transactions;
        this.internalTopics = internalTopics;
        this.cluster = cluster;
        this.topics = topics;
    }

    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, FindCoordinatorRequest request) {
        byte keyType = request.data().keyType();
        boolean batched = context.apiVersion() >= FindCoordinatorRequest.MIN_BATCHED_VERSION;
        List<String> keys = batched ? request.data().coordinatorKeys() : List.of(request.data().key());
        CompletionStage<Void> topic = keyType == CoordinatorType.GROUP.id() ? internalTopics.ensureOffsetsTopic()
                : keyType == CoordinatorType.TRANSACTION.id() ? internalTopics.ensureTransactionStateTopic()
                : CompletableFuture.completedFuture(null);
        CompletionStage<Errors> ready = topic.handle((ok, e) -> e == null ? Errors.NONE
                : Errors.COORDINATOR_NOT_AVAILABLE);
        return ready.thenApply(topicError -> {
            List<Coordinator> coordinators = new ArrayList<>(keys.size());
            for (String key : keys) {
                coordinators.add(find(context, keyType, key, topicError));
            }
            FindCoordinatorResponseData data = new FindCoordinatorResponseData();
            if (batched) {
                data.setCoordinators(coordinators);
            } else {
                // v0-3 answer one key at the top level, with the error's own text ("NONE" too), as Kafka.
                Coordinator only = coordinators.get(0);
                data.setErrorCode(only.errorCode()).setErrorMessage(Errors.forCode(only.errorCode()).message())
                        .setNodeId(only.nodeId()).setHost(only.host()).setPort(only.port());
            }
            return ResponseAction.send(new FindCoordinatorResponse(data));
        });
    }

    private Coordinator find(RequestContext context, byte keyType, String key, Errors topicError) {
        Coordinator result = new Coordinator().setKey(key).setNodeId(-1).setHost("").setPort(-1);
        boolean group = keyType == CoordinatorType.GROUP.id();
        if (!group && keyType != CoordinatorType.TRANSACTION.id()) {
            return result.setErrorCode(Errors.INVALID_REQUEST.code())
                    .setErrorMessage("Coordinator key type " + keyType + " is not supported by this broker");
        }
        if (key == null || key.isEmpty()) {
            return result.setErrorCode(Errors.INVALID_REQUEST.code())
                    .setErrorMessage(group ? "The group id is empty" : "The transactional id is empty");
        }
        if (!authorizer.authorize(context, AclOperation.DESCRIBE,
                group ? ResourceType.GROUP : ResourceType.TRANSACTIONAL_ID, key)) {
            Errors denied = group ? Errors.GROUP_AUTHORIZATION_FAILED : Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED;
            return result.setErrorCode(denied.code()).setErrorMessage(denied.message());
        }
        if (topicError != Errors.NONE) {
            return result.setErrorCode(topicError.code()).setErrorMessage(topicError.message());
        }
        int partition = group ? groups.partitionFor(key) : transactions.partitionFor(key);
        String topic = group ? Topic.GROUP_METADATA_TOPIC_NAME : Topic.TRANSACTION_STATE_TOPIC_NAME;
        int leader = topics.byName(topic).flatMap(t -> t.partition(partition))
                .map(PartitionRegistration::leader).orElse(PartitionRegistration.NO_LEADER);
        // Here, answer only once the shard is loaded; elsewhere the leader's coordinator says it is loading.
        boolean ready = leader != cluster.localBrokerId()
                || (group ? groups.isActive(partition) : transactions.isActive(partition));
        Optional<Node> node = leader == PartitionRegistration.NO_LEADER ? Optional.empty()
                : cluster.broker(leader, context.listenerName());
        if (!ready || node.isEmpty()) {
            return result.setErrorCode(Errors.COORDINATOR_NOT_AVAILABLE.code())
                    .setErrorMessage(Errors.COORDINATOR_NOT_AVAILABLE.message());
        }
        return result.setNodeId(node.get().id()).setHost(node.get().host()).setPort(node.get().port());
    }
}
