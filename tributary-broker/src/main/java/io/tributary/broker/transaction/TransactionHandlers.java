package io.tributary.broker.transaction;

import io.tributary.broker.authz.RequestAuthorizer;
import java.util.ArrayList;
import org.apache.kafka.common.message.TxnOffsetCommitRequestData;
import org.apache.kafka.common.message.TxnOffsetCommitResponseData;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.message.DescribeTransactionsResponseData;

import io.tributary.broker.api.ApiHandler;
import io.tributary.broker.api.TransactionVerifier;
import io.tributary.broker.api.VersionedErrors;
import io.tributary.broker.partition.TopicLookup;
import io.tributary.coordinator.group.CoordinatorRequestContext;
import io.tributary.coordinator.group.GroupCoordinator;
import io.tributary.coordinator.transaction.TransactionCoordinator;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AddOffsetsToTxnRequest;
import org.apache.kafka.common.requests.AddOffsetsToTxnResponse;
import org.apache.kafka.common.requests.AddPartitionsToTxnRequest;
import org.apache.kafka.common.requests.AddPartitionsToTxnResponse;
import org.apache.kafka.common.requests.DescribeTransactionsRequest;
import org.apache.kafka.common.requests.DescribeTransactionsResponse;
import org.apache.kafka.common.requests.EndTxnRequest;
import org.apache.kafka.common.requests.EndTxnResponse;
import org.apache.kafka.common.requests.ListTransactionsRequest;
import org.apache.kafka.common.requests.ListTransactionsResponse;
import org.apache.kafka.common.requests.TxnOffsetCommitRequest;
import org.apache.kafka.common.requests.TxnOffsetCommitResponse;

/** The transaction APIs: thin handlers over the transaction coordinator (and the group coordinator for offsets). */
public final class TransactionHandlers {

    private final TransactionCoordinator transactions;
    private final GroupCoordinator groups;
    private final TopicLookup topics;
    private final RequestAuthorizer authorizer;
    private final TransactionVerifier verifier;
    private final BooleanSupplier verificationEnabled;

    public TransactionHandlers(TransactionCoordinator transactions, GroupCoordinator groups, TopicLookup topics) {
        this(transactions, groups, topics, RequestAuthorizer.NONE);
    }

    public TransactionHandlers(TransactionCoordinator transactions, GroupCoordinator groups, TopicLookup topics,
                               RequestAuthorizer authorizer) {
        this(transactions, groups, topics, authorizer, new CoordinatorTransactionVerifier(transactions));
    }

    /** @param verifier adds a transaction version 2 producer's offsets partition to its transaction */
    public TransactionHandlers(TransactionCoordinator transactions, GroupCoordinator groups, TopicLookup topics,
                               RequestAuthorizer authorizer, TransactionVerifier verifier) {
        this(transactions, groups, topics, authorizer, verifier, () -> true);
    }

    /**
     * @param verificationEnabled {@code transaction.partition.verification.enable}: whether TxnOffsetCommit v0-4
     *                            first verifies the offsets partition is in the transaction (KIP-890 part 1)
     */
    public TransactionHandlers(TransactionCoordinator transactions, GroupCoordinator groups, TopicLookup topics,
                               RequestAuthorizer authorizer, TransactionVerifier verifier,
                               BooleanSupplier verificationEnabled) {
        this.transactions = transactions;
        this.groups = groups;
        this.topics = topics;
        this.authorizer = authorizer;
        this.verifier = verifier;
        this.verificationEnabled = verificationEnabled;
    }

    private boolean mayWrite(RequestContext ctx, String transactionalId) {
        return authorizer.authorize(ctx, AclOperation.WRITE, ResourceType.TRANSACTIONAL_ID, transactionalId);
    }

    private boolean mayReadGroup(RequestContext ctx, String group) {
        return authorizer.authorize(ctx, AclOperation.READ, ResourceType.GROUP, group);
    }

    private static CompletionStage<ResponseAction> refused(AbstractRequest request, Errors error) {
        return CompletableFuture.completedFuture(ResponseAction.send(request.getErrorResponse(0, error.exception())));
    }

    static CoordinatorRequestContext context(RequestContext context) {
        return new CoordinatorRequestContext(context.apiVersion(), context.clientId(), context.clientAddress());
    }

    /**
     * AddPartitionsToTxn from a client (v0-3): as in Kafka, partitions that don't exist fail the whole request
     * (UNKNOWN_TOPIC_OR_PARTITION for them, OPERATION_NOT_ATTEMPTED for the rest) before the coordinator sees it.
     */
    public ApiHandler<AddPartitionsToTxnRequest> addPartitionsToTxn() {
        return (ctx, request) -> {
            if (ctx.apiVersion() >= FIRST_BROKER_VERSION) {
                return addPartitionsFromBroker(ctx, request);
            }
            if (!mayWrite(ctx, request.data().v3AndBelowTransactionalId())) {
                return CompletableFuture.completedFuture(ResponseAction.send(new AddPartitionsToTxnResponse(
                        new AddPartitionsToTxnResponseData().setResultsByTopicV3AndBelow(
                                request.errorResponseForTransaction(request.data().v3AndBelowTransactionalId(),
                                        Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED).topicResults()))));
            }
            List<TopicPartition> requested = AddPartitionsToTxnRequest.getPartitions(request.data().v3AndBelowTopics());
            Set<TopicPartition> missing = new HashSet<>();
            Set<TopicPartition> denied = new HashSet<>();
            for (TopicPartition tp : requested) {
                if (!authorizer.authorize(ctx, AclOperation.WRITE, ResourceType.TOPIC, tp.topic())) {
                    denied.add(tp);
                    continue;
                }
                boolean exists = topics.byName(tp.topic()).map(t -> t.partitions().containsKey(tp.partition()))
                        .orElse(false);
                if (!exists) {
                    missing.add(tp);
                }
            }
            if (!missing.isEmpty() || !denied.isEmpty()) {
                Map<TopicPartition, Errors> errors = new HashMap<>();
                requested.forEach(tp -> errors.put(tp, denied.contains(tp) ? Errors.TOPIC_AUTHORIZATION_FAILED
                        : missing.contains(tp) ? Errors.UNKNOWN_TOPIC_OR_PARTITION : Errors.OPERATION_NOT_ATTEMPTED));
                return CompletableFuture.completedFuture(ResponseAction.send(new AddPartitionsToTxnResponse(
                        new AddPartitionsToTxnResponseData().setResultsByTopicV3AndBelow(
                                AddPartitionsToTxnResponse.resultForTransaction(
                                        AddPartitionsToTxnResponse.V3_AND_BELOW_TXN_ID, errors).topicResults()))));
            }
            return transactions.addPartitionsToTxn(context(ctx), request.data()).thenApply(data -> {
                data.resultsByTopicV3AndBelow().forEach(topic -> topic.resultsByPartition().forEach(p ->
                        p.setPartitionErrorCode(forVersion(ctx, p.partitionErrorCode()))));
                return ResponseAction.send(new AddPartitionsToTxnResponse(data));
            });
        };
    }

    /**
     * AddPartitionsToTxn v4+ comes from partition leaders (KIP-890): verifyOnly checks, otherwise transaction
     * version 2's implicit add. As in Kafka only brokers may send it (CLUSTER_ACTION on the cluster).
     */
    private CompletionStage<ResponseAction> addPartitionsFromBroker(RequestContext ctx,
                                                                    AddPartitionsToTxnRequest request) {
        if (!authorizer.authorizeCluster(ctx, AclOperation.CLUSTER_ACTION)) {
            return CompletableFuture.completedFuture(ResponseAction.send(new AddPartitionsToTxnResponse(
                    new AddPartitionsToTxnResponseData()
                            .setErrorCode(Errors.CLUSTER_AUTHORIZATION_FAILED.code()))));
        }
        return transactions.addPartitionsToTxn(context(ctx), request.data())
                .thenApply(data -> ResponseAction.send(new AddPartitionsToTxnResponse(data)));
    }

    /** TxnOffsetCommit v5: sent by transaction version 2 producers, without AddOffsetsToTxn first (KIP-890). */
    private static final short TRANSACTION_V2_TXN_OFFSET_COMMIT = 5;
    private static final short FIRST_BROKER_VERSION = 4;

    public ApiHandler<AddOffsetsToTxnRequest> addOffsetsToTxn() {
        return (ctx, request) -> !mayWrite(ctx, request.data().transactionalId())
                ? refused(request, Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED)
                : !mayReadGroup(ctx, request.data().groupId()) ? refused(request, Errors.GROUP_AUTHORIZATION_FAILED)
                : transactions.addOffsetsToTxn(context(ctx), request.data())
                .thenApply(data -> ResponseAction.send(new AddOffsetsToTxnResponse(
                        data.setErrorCode(forVersion(ctx, data.errorCode())))));
    }

    public ApiHandler<EndTxnRequest> endTxn() {
        return (ctx, request) -> !mayWrite(ctx, request.data().transactionalId())
                ? refused(request, Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED)
                : transactions.endTxn(context(ctx), request.data())
                .thenApply(data -> ResponseAction.send(new EndTxnResponse(
                        data.setErrorCode(forVersion(ctx, data.errorCode())))));
    }

    public ApiHandler<TxnOffsetCommitRequest> txnOffsetCommit() {
        return (ctx, request) -> !mayWrite(ctx, request.data().transactionalId())
                ? refused(request, Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED)
                : !mayReadGroup(ctx, request.data().groupId()) ? refused(request, Errors.GROUP_AUTHORIZATION_FAILED)
                : addOffsetsPartition(ctx, request.data()).thenCompose(added -> added != Errors.NONE
                        ? CompletableFuture.completedFuture(TxnOffsetCommitErrors.all(request.data(), added))
                        : commitAllowedTopics(ctx, request.data())).thenApply(data -> {
            data.topics().forEach(topic -> topic.partitions().forEach(p ->
                    p.setErrorCode(forVersion(ctx, p.errorCode()))));
            return ResponseAction.send(new TxnOffsetCommitResponse(data));
        });
    }

    /**
     * Transaction version 2 (v5): the group's {@code __consumer_offsets} partition joins the transaction here, as
     * the client sent no AddOffsetsToTxn. v0-4 (version 1 clients, which add it with AddOffsetsToTxn): as Kafka's
     * group coordinator, the partition is only verified to be in the transaction (KIP-890 part 1, while
     * {@code transaction.partition.verification.enable}), so offsets sent without AddOffsetsToTxn, e.g. v4 inside
     * a transaction a version 2 producer opened, are refused instead of joining a transaction that never lists them.
     */
    private CompletionStage<Errors> addOffsetsPartition(RequestContext ctx, TxnOffsetCommitRequestData request) {
        boolean add = ctx.apiVersion() >= TRANSACTION_V2_TXN_OFFSET_COMMIT;
        if (verifier == null || (!add && !verificationEnabled.getAsBoolean())) {
            return CompletableFuture.completedFuture(Errors.NONE);
        }
        TopicPartition offsets = new TopicPartition(Topic.GROUP_METADATA_TOPIC_NAME,
                groups.partitionFor(request.groupId()));
        return verifier.verify(request.transactionalId(), request.producerId(), request.producerEpoch(),
                Set.of(offsets), add).thenApply(errors -> TxnOffsetCommitErrors.forClient(
                errors.getOrDefault(offsets, Errors.UNKNOWN_SERVER_ERROR), ctx.apiVersion()));
    }

    /** Commits the topics the principal may READ; the others are answered TOPIC_AUTHORIZATION_FAILED. */
    private CompletionStage<TxnOffsetCommitResponseData> commitAllowedTopics(RequestContext ctx,
                                                                             TxnOffsetCommitRequestData request) {
        TxnOffsetCommitRequestData allowed = request.duplicate();
        List<TxnOffsetCommitResponseData.TxnOffsetCommitResponseTopic> refused = new ArrayList<>();
        allowed.topics().removeIf(topic -> {
            if (authorizer.authorize(ctx, AclOperation.READ, ResourceType.TOPIC, topic.name())) {
                return false;
            }
            TxnOffsetCommitResponseData.TxnOffsetCommitResponseTopic result =
                    new TxnOffsetCommitResponseData.TxnOffsetCommitResponseTopic().setName(topic.name());
            topic.partitions().forEach(p -> result.partitions().add(
                    new TxnOffsetCommitResponseData.TxnOffsetCommitResponsePartition()
                            .setPartitionIndex(p.partitionIndex())
                            .setErrorCode(Errors.TOPIC_AUTHORIZATION_FAILED.code())));
            refused.add(result);
            return true;
        });
        if (refused.isEmpty()) {
            return groups.txnOffsetCommit(context(ctx), request);
        }
        CompletionStage<TxnOffsetCommitResponseData> committed = allowed.topics().isEmpty()
                ? CompletableFuture.completedFuture(new TxnOffsetCommitResponseData())
                : groups.txnOffsetCommit(context(ctx), allowed);
        return committed.thenApply(data -> {
            data.topics().addAll(refused);
            return data;
        });
    }

    /** An error code as this request's version knows it (KIP-588's PRODUCER_FENCED, ...). */
    private static short forVersion(RequestContext ctx, short errorCode) {
        return VersionedErrors.forVersion(ctx.apiKey(), ctx.apiVersion(), errorCode);
    }

    public ApiHandler<DescribeTransactionsRequest> describeTransactions() {
        return (ctx, request) -> transactions.describeTransactions(context(ctx), request.data())
                .thenApply(data -> {
                    // As Kafka: topics the principal may not describe are left out of the transaction's list.
                    data.transactionStates().forEach(state -> state.topics().removeIf(topic ->
                            !authorizer.authorize(ctx, AclOperation.DESCRIBE, ResourceType.TOPIC, topic.topic())));
                    data.transactionStates().replaceAll(state -> authorizer.authorize(ctx, AclOperation.DESCRIBE,
                            ResourceType.TRANSACTIONAL_ID, state.transactionalId()) ? state
                            : new DescribeTransactionsResponseData.TransactionState()
                                    .setTransactionalId(state.transactionalId())
                                    .setErrorCode(Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED.code()));
                    return ResponseAction.send(new DescribeTransactionsResponse(data));
                });
    }

    public ApiHandler<ListTransactionsRequest> listTransactions() {
        return (ctx, request) -> transactions.listTransactions(context(ctx), request.data())
                .thenApply(data -> {
                    data.transactionStates().removeIf(state -> !authorizer.authorize(ctx, AclOperation.DESCRIBE,
                            ResourceType.TRANSACTIONAL_ID, state.transactionalId()));
                    return ResponseAction.send(new ListTransactionsResponse(data));
                });
    }
}
