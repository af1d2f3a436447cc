package io.tributary.broker.transaction;

import io.tributary.broker.api.ApiHandler;
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

    public TransactionHandlers(TransactionCoordinator transactions, GroupCoordinator groups, TopicLookup topics) {
        this.transactions = transactions;
        this.groups = groups;
        this.topics = topics;
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
            List<TopicPartition> requested = AddPartitionsToTxnRequest.getPartitions(request.data().v3AndBelowTopics());
            Set<TopicPartition> missing = new HashSet<>();
            for (TopicPartition tp : requested) {
                boolean exists = topics.byName(tp.topic()).map(t -> t.partitions().containsKey(tp.partition()))
                        .orElse(false);
                if (!exists) {
                    missing.add(tp);
                }
            }
            if (!missing.isEmpty()) {
                Map<TopicPartition, Errors> errors = new HashMap<>();
                requested.forEach(tp -> errors.put(tp, missing.contains(tp)
                        ? Errors.UNKNOWN_TOPIC_OR_PARTITION : Errors.OPERATION_NOT_ATTEMPTED));
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

    public ApiHandler<AddOffsetsToTxnRequest> addOffsetsToTxn() {
        return (ctx, request) -> transactions.addOffsetsToTxn(context(ctx), request.data())
                .thenApply(data -> ResponseAction.send(new AddOffsetsToTxnResponse(
                        data.setErrorCode(forVersion(ctx, data.errorCode())))));
    }

    public ApiHandler<EndTxnRequest> endTxn() {
        return (ctx, request) -> transactions.endTxn(context(ctx), request.data())
                .thenApply(data -> ResponseAction.send(new EndTxnResponse(
                        data.setErrorCode(forVersion(ctx, data.errorCode())))));
    }

    public ApiHandler<TxnOffsetCommitRequest> txnOffsetCommit() {
        return (ctx, request) -> groups.txnOffsetCommit(context(ctx), request.data()).thenApply(data -> {
            data.topics().forEach(topic -> topic.partitions().forEach(p ->
                    p.setErrorCode(forVersion(ctx, p.errorCode()))));
            return ResponseAction.send(new TxnOffsetCommitResponse(data));
        });
    }

    /** An error code as this request's version knows it (KIP-588's PRODUCER_FENCED, ...). */
    private static short forVersion(RequestContext ctx, short errorCode) {
        return VersionedErrors.forVersion(ctx.apiKey(), ctx.apiVersion(), errorCode);
    }

    public ApiHandler<DescribeTransactionsRequest> describeTransactions() {
        return (ctx, request) -> transactions.describeTransactions(context(ctx), request.data())
                .thenApply(data -> ResponseAction.send(new DescribeTransactionsResponse(data)));
    }

    public ApiHandler<ListTransactionsRequest> listTransactions() {
        return (ctx, request) -> transactions.listTransactions(context(ctx), request.data())
                .thenApply(data -> ResponseAction.send(new ListTransactionsResponse(data)));
    }
}
