package io.tributary.coordinator.transaction;

import io.tributary.coordinator.group.CoordinatorRequestContext;
import io.tributary.coordinator.runtime.CoordinatorResult;
import io.tributary.coordinator.runtime.CoordinatorRuntime;
import io.tributary.coordinator.runtime.PartitionLoadListener;
import io.tributary.coordinator.runtime.PartitionedCoordinator;
import io.tributary.coordinator.runtime.ShardedCoordinatorService;
import io.tributary.coordinator.runtime.EventExecutor;
import io.tributary.coordinator.runtime.SingleThreadEventExecutor;
import io.tributary.coordinator.transaction.records.TransactionRecord;
import io.tributary.coordinator.transaction.records.TransactionRecordSerde;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.AddOffsetsToTxnRequestData;
import org.apache.kafka.common.message.AddOffsetsToTxnResponseData;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData;
import org.apache.kafka.common.message.DescribeTransactionsRequestData;
import org.apache.kafka.common.message.DescribeTransactionsResponseData;
import org.apache.kafka.common.message.EndTxnRequestData;
import org.apache.kafka.common.message.EndTxnResponseData;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.message.ListTransactionsRequestData;
import org.apache.kafka.common.message.ListTransactionsResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.Time;

/** The transaction coordinator: routes each request to the shard owning its transactional id. */
public final class TransactionCoordinatorService
        extends ShardedCoordinatorService<TransactionCoordinatorShard, TransactionRecord>
        implements TransactionCoordinator {

    /** EndTxn v5 is sent only by clients using transaction version 2 (KIP-890: an epoch bump per transaction). */
    static final short TRANSACTION_V2_END_TXN = 5;

    private final TransactionCoordinatorConfig config;
    private final CoordinatorRuntime<TransactionCoordinatorShard, TransactionRecord> runtime;
    private final AtomicInteger unknownDestination = new AtomicInteger();
    private final AtomicInteger completionRetries = new AtomicInteger();

    public TransactionCoordinatorService(TransactionCoordinatorConfig config, ProducerIdGenerator producerIds,
                                         TransactionMarkerWriter markerWriter, Time time) {
        this(config, producerIds, markerWriter, time, PartitionLoadListener.NONE);
    }

    /** @param loads told how long each {@code __transaction_state} partition took to load */
    public TransactionCoordinatorService(TransactionCoordinatorConfig config, ProducerIdGenerator producerIds,
                                         TransactionMarkerWriter markerWriter, Time time,
                                         PartitionLoadListener loads) {
        this(config, producerIds, markerWriter, time,
                new SingleThreadEventExecutor("transaction-coordinator-event-thread"), loads);
    }

    /** With a given event executor (tests drive one by a manual clock). */
    public TransactionCoordinatorService(TransactionCoordinatorConfig config, ProducerIdGenerator producerIds,
                                         TransactionMarkerWriter markerWriter, Time time, EventExecutor executor) {
        this(config, producerIds, markerWriter, time, executor, PartitionLoadListener.NONE);
    }

    /** With a given event executor and a listener of partition load times. */
    public TransactionCoordinatorService(TransactionCoordinatorConfig config, ProducerIdGenerator producerIds,
                                         TransactionMarkerWriter markerWriter, Time time, EventExecutor executor,
                                         PartitionLoadListener loads) {
        super(config.transactionStatePartitions());
        this.config = config;
        this.runtime = new CoordinatorRuntime<>(executor, new TransactionRecordSerde(),
                (partition, timer) -> new TransactionCoordinatorShard(config, producerIds, markerWriter,
                        operation -> runtime().<Void>scheduleWrite(partition,
                                (shard, future) -> operation.run(shard.store(), future), error -> null),
                        timer, time, unknownDestination, completionRetries),
                time, loads);
    }

    /**
     * Transactions (of the partitions this broker coordinates) whose markers wait for a destination: the leader
     * of a partition they touched, or its inter-broker endpoint, is not known. Kafka's
     * {@code UnknownDestinationQueueSize}. Thread-safe.
     */
    public int markersAwaitingDestination() {
        return unknownDestination.get();
    }

    /**
     * Transactions whose completion record failed to append for a reason that may pass (too few in-sync replicas,
     * a timeout) and waits to be appended again. Kafka's {@code LogAppendRetryQueueSize}. Thread-safe.
     */
    public int completionsAwaitingAppend() {
        return completionRetries.get();
    }

    @Override
    protected CoordinatorRuntime<TransactionCoordinatorShard, TransactionRecord> runtime() {
        return runtime;
    }

    @Override
    public CompletableFuture<InitProducerIdResponseData> initProducerId(CoordinatorRequestContext context,
                                                                       InitProducerIdRequestData request) {
        if (isInvalid(request.transactionalId())) {
            return CompletableFuture.completedFuture(InitProducerIdHandler.error(Errors.INVALID_REQUEST));
        }
        return runtime.scheduleWrite(partitionFor(request.transactionalId()),
                (shard, future) -> shard.initProducerId().handle(request), InitProducerIdHandler::error);
    }

    @Override
    public CompletableFuture<AddPartitionsToTxnResponseData> addPartitionsToTxn(
            CoordinatorRequestContext context, AddPartitionsToTxnRequestData request) {
        if (context.apiVersion() < 4) {
            return addPartitions(request.v3AndBelowTransactionalId(), request.v3AndBelowProducerId(),
                    request.v3AndBelowProducerEpoch(), request.v3AndBelowTopics(), false)
                    .thenApply(results -> new AddPartitionsToTxnResponseData().setResultsByTopicV3AndBelow(results));
        }
        List<CompletableFuture<AddPartitionsToTxnResponseData.AddPartitionsToTxnResult>> perTransaction =
                new ArrayList<>();
        for (AddPartitionsToTxnRequestData.AddPartitionsToTxnTransaction transaction : request.transactions()) {
            perTransaction.add(addPartitions(transaction.transactionalId(), transaction.producerId(),
                    transaction.producerEpoch(), transaction.topics(), transaction.verifyOnly())
                    .thenApply(results -> new AddPartitionsToTxnResponseData.AddPartitionsToTxnResult()
                            .setTransactionalId(transaction.transactionalId()).setTopicResults(results)));
        }
        return CompletableFuture.allOf(perTransaction.toArray(new CompletableFuture<?>[0])).thenApply(ignored -> {
            AddPartitionsToTxnResponseData.AddPartitionsToTxnResultCollection results =
                    new AddPartitionsToTxnResponseData.AddPartitionsToTxnResultCollection();
            perTransaction.forEach(future -> results.add(future.join()));
            return new AddPartitionsToTxnResponseData().setResultsByTransaction(results);
        });
    }

    private CompletableFuture<AddPartitionsToTxnResponseData.AddPartitionsToTxnTopicResultCollection> addPartitions(
            String transactionalId, long producerId, short producerEpoch,
            AddPartitionsToTxnRequestData.AddPartitionsToTxnTopicCollection topics, boolean verifyOnly) {
        if (isInvalid(transactionalId)) {
            return CompletableFuture.completedFuture(
                    AddPartitionsHandler.topicResults(topics, tp -> Errors.INVALID_REQUEST));
        }
        return runtime.scheduleWrite(partitionFor(transactionalId),
                (shard, future) -> shard.addPartitions().add(transactionalId, producerId, producerEpoch, topics,
                        verifyOnly),
                error -> AddPartitionsHandler.topicResults(topics, tp -> error));
    }

    @Override
    public CompletableFuture<AddOffsetsToTxnResponseData> addOffsetsToTxn(CoordinatorRequestContext context,
                                                                         AddOffsetsToTxnRequestData request) {
        if (isInvalid(request.transactionalId())) {
            return CompletableFuture.completedFuture(addOffsetsResponse(Errors.INVALID_REQUEST));
        }
        TopicPartition offsetsPartition = new TopicPartition(Topic.GROUP_METADATA_TOPIC_NAME,
                PartitionedCoordinator.partitionFor(request.groupId(), config.offsetsTopicPartitions()));
        return runtime.scheduleWrite(partitionFor(request.transactionalId()), (shard, future) -> {
            CoordinatorResult<Errors, TransactionRecord> added = shard.addPartitions().add(
                    request.transactionalId(), request.producerId(), request.producerEpoch(),
                    java.util.Set.of(offsetsPartition));
            return CoordinatorResult.of(added.records(), addOffsetsResponse(added.response()));
        }, TransactionCoordinatorService::addOffsetsResponse);
    }

    @Override
    public CompletableFuture<EndTxnResponseData> endTxn(CoordinatorRequestContext context, EndTxnRequestData request) {
        if (isInvalid(request.transactionalId())) {
            return CompletableFuture.completedFuture(EndTxnHandler.error(Errors.INVALID_REQUEST));
        }
        return runtime.scheduleWrite(partitionFor(request.transactionalId()),
                (shard, future) -> shard.endTxn().handle(request, context.apiVersion() >= TRANSACTION_V2_END_TXN),
                EndTxnHandler::error);
    }

    @Override
    public CompletableFuture<DescribeTransactionsResponseData> describeTransactions(
            CoordinatorRequestContext context, DescribeTransactionsRequestData request) {
        return runtime.runOnEventThread(() -> {
            DescribeTransactionsResponseData response = new DescribeTransactionsResponseData();
            for (String transactionalId : request.transactionalIds()) {
                if (isInvalid(transactionalId)) {
                    response.transactionStates().add(
                            TransactionAdmin.describeError(transactionalId, Errors.TRANSACTIONAL_ID_NOT_FOUND));
                    continue;
                }
                int partition = partitionFor(transactionalId);
                TransactionCoordinatorShard shard = runtime.activeShard(partition);
                response.transactionStates().add(shard == null
                        ? TransactionAdmin.describeError(transactionalId, runtime.unavailableError(partition))
                        : shard.admin().describe(transactionalId));
            }
            return response;
        });
    }

    @Override
    public CompletableFuture<ListTransactionsResponseData> listTransactions(CoordinatorRequestContext context,
                                                                           ListTransactionsRequestData request) {
        ListTransactionsResponseData response = new ListTransactionsResponseData();
        TransactionAdmin.ListFilter filter;
        try {
            filter = ListTransactionsFilters.parse(context.apiVersion(), request, response);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(response.setErrorCode(Errors.INVALID_REGULAR_EXPRESSION.code()));
        }
        return runtime.runOnEventThread(() -> {
            for (int partition = 0; partition < config.transactionStatePartitions(); partition++) {
                if (runtime.unavailableError(partition) == Errors.COORDINATOR_LOAD_IN_PROGRESS) {
                    response.setErrorCode(Errors.COORDINATOR_LOAD_IN_PROGRESS.code());
                }
                TransactionCoordinatorShard shard = runtime.activeShard(partition);
                if (shard != null) {
                    response.transactionStates().addAll(shard.admin().list(filter));
                }
            }
            return response;
        });
    }

    private static boolean isInvalid(String transactionalId) {
        return transactionalId == null || transactionalId.isEmpty();
    }

    private static AddOffsetsToTxnResponseData addOffsetsResponse(Errors error) {
        return new AddOffsetsToTxnResponseData().setErrorCode(error.code());
    }
}
