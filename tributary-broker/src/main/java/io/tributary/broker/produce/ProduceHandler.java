package io.tributary.broker.produce;

import io.tributary.broker.api.ApiHandler;
import io.tributary.broker.api.TransactionVerifier;
import io.tributary.broker.authz.RequestAuthorizer;
import io.tributary.broker.partition.LeaderHints;
import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.PartitionManager;
import io.tributary.broker.partition.TopicLookup;
import io.tributary.metadata.image.TopicImage;
import io.tributary.metrics.BrokerTopicStats;
import io.tributary.network.RequestContext;
import io.tributary.network.ResponseAction;
import io.tributary.storage.api.AppendResult;
import io.tributary.storage.api.VerificationGuard;
import io.tributary.storage.validation.RecordError;
import io.tributary.storage.validation.RecordErrors;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.ProduceRequestData.PartitionProduceData;
import org.apache.kafka.common.message.ProduceRequestData.TopicProduceData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.ProduceResponseData.BatchIndexAndErrorMessage;
import org.apache.kafka.common.message.ProduceResponseData.PartitionProduceResponse;
import org.apache.kafka.common.message.ProduceResponseData.TopicProduceResponse;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produce: appends each partition's batch to its log on the calling event loop (so a connection's pipelined
 * requests append in order), then answers once every partition is acknowledged (acks=1: at once, or after the
 * shared fsync in durable mode; acks=all: once the ISR has it, or REQUEST_TIMED_OUT after the request's
 * timeout). acks=0 gets no answer; a failure under acks=0 closes the connection, as in Kafka, so the client
 * learns of it.
 */
public final class ProduceHandler implements ApiHandler<ProduceRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(ProduceHandler.class);

    private final PartitionManager partitions;
    private final TopicLookup topics;
    private final RequestAuthorizer authorizer;
    private final BrokerTopicStats stats;
    private final TransactionVerifier verifier;
    private final BooleanSupplier verificationEnabled;
    private final VerificationChains chains = new VerificationChains();

    public ProduceHandler(PartitionManager partitions, TopicLookup topics) {
        this(partitions, topics, RequestAuthorizer.NONE);
    }

    public ProduceHandler(PartitionManager partitions, TopicLookup topics, RequestAuthorizer authorizer) {
        this(partitions, topics, authorizer, BrokerTopicStats.detached());
    }

    /** Without KIP-890 verification (no transaction coordinator to ask). */
    public ProduceHandler(PartitionManager partitions, TopicLookup topics, RequestAuthorizer authorizer,
                          BrokerTopicStats stats) {
        this(partitions, topics, authorizer, stats, null, () -> false);
    }

    /**
     * @param verifier            asks transaction coordinators (KIP-890); null: transactional writes are not checked
     * @param verificationEnabled {@code transaction.partition.verification.enable}: part 1's check for producers
     *                            below transaction version 2 (their Produce v12+ adds always ask the coordinator)
     */
    public ProduceHandler(PartitionManager partitions, TopicLookup topics, RequestAuthorizer authorizer,
                          BrokerTopicStats stats, TransactionVerifier verifier,
                          BooleanSupplier verificationEnabled) {
        this.partitions = partitions;
        this.topics = topics;
        this.authorizer = authorizer;
        this.stats = stats;
        this.verifier = verifier;
        this.verificationEnabled = verificationEnabled;
    }

    @Override
    public CompletionStage<ResponseAction> handle(RequestContext context, ProduceRequest request) {
        short acks = request.acks();
        if (acks != 0 && acks != 1 && acks != -1) {
            return CompletableFuture.completedFuture(ResponseAction.send(
                    request.getErrorResponse(0, Errors.INVALID_REQUIRED_ACKS.exception())));
        }
        String transactionalId = request.data().transactionalId();
        if (transactionalId != null && !authorizer.authorize(context, AclOperation.WRITE,
                ResourceType.TRANSACTIONAL_ID, transactionalId)) {
            return CompletableFuture.completedFuture(ResponseAction.send(request.getErrorResponse(0,
                    Errors.TRANSACTIONAL_ID_AUTHORIZATION_FAILED.exception())));
        }
        boolean byId = context.apiVersion() >= 13;
        PendingVerification verification = verificationFor(transactionalId, context.apiVersion());
        List<CompletableFuture<PartitionProduceResponse>> pending = new ArrayList<>();
        List<TopicProduceResponse> topicResponses = new ArrayList<>();
        for (TopicProduceData topicData : request.data().topicData()) {
            TopicProduceResponse topicResponse = new TopicProduceResponse()
                    .setName(topicData.name())
                    .setTopicId(topicData.topicId());
            topicResponses.add(topicResponse);
            Optional<TopicImage> topic = byId ? topics.byId(topicData.topicId()) : topics.byName(topicData.name());
            String name = byId ? topic.map(TopicImage::name).orElse(null) : topicData.name();
            boolean denied = name != null && !authorizer.authorize(context, AclOperation.WRITE, ResourceType.TOPIC,
                    name);
            for (PartitionProduceData partitionData : topicData.partitionData()) {
                pending.add((denied ? failed(partitionData.index(), Errors.TOPIC_AUTHORIZATION_FAILED, null)
                        : appendOne(context, topic, topicData, partitionData, acks, request.timeout(),
                        verification))
                        .thenApply(response -> {
                            synchronized (topicResponse) {
                                topicResponse.partitionResponses().add(response);
                            }
                            return response;
                        }));
            }
        }
        if (verification != null) {
            verification.send(verifier);
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            if (acks == 0) {
                boolean failed = pending.stream().anyMatch(f -> f.join().errorCode() != Errors.NONE.code());
                return failed ? ResponseAction.closeConnection() : ResponseAction.noResponse();
            }
            ProduceResponseData data = new ProduceResponseData();
            topicResponses.forEach(t -> data.responses().add(t));
            if (context.apiVersion() >= 10) {
                LeaderHints.addTo(data, topics.image(), context.listenerName());
            }
            return ResponseAction.send(new ProduceResponse(data));
        });
    }

    /**
     * KIP-890: Produce v12+ is sent only by transaction version 2 producers, whose partitions the broker adds to
     * the transaction; older transactional producers are verified when {@code verificationEnabled}.
     */
    private PendingVerification verificationFor(String transactionalId, short produceVersion) {
        if (transactionalId == null || verifier == null) {
            return null;
        }
        boolean transactionV2 = ProduceRequest.isTransactionV2Requested(produceVersion);
        return transactionV2 || verificationEnabled.getAsBoolean()
                ? new PendingVerification(transactionalId, transactionV2) : null;
    }

    private CompletableFuture<PartitionProduceResponse> appendOne(RequestContext context, Optional<TopicImage> topic,
                                                                  TopicProduceData topicData,
                                                                  PartitionProduceData partitionData, short acks,
                                                                  int timeoutMs, PendingVerification verification) {
        int index = partitionData.index();
        if (topic.isEmpty()) {
            boolean byId = context.apiVersion() >= 13;
            return failed(index, byId ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION, null);
        }
        if (Topic.isInternal(topic.get().name())) {
            return failed(index, Errors.INVALID_TOPIC_EXCEPTION,
                    "Cannot append to internal topic " + topic.get().name());
        }
        TopicPartition tp = new TopicPartition(topic.get().name(), index);
        // As Kafka: every partition of a produce request counts, failed ones count once more.
        BrokerTopicStats.TopicMeters meters = stats.topic(tp.topic());
        stats.produceRequest(meters);
        Optional<Partition> partition = partitions.get(tp);
        if (partition.isEmpty()) {
            Errors error = topic.get().partitions().containsKey(index) ? Errors.NOT_LEADER_OR_FOLLOWER
                    : Errors.UNKNOWN_TOPIC_OR_PARTITION;
            stats.produceFailed(meters, 0);
            return failed(index, error, null);
        }
        int bytes = partitionData.records() == null ? 0 : partitionData.records().sizeInBytes();
        try {
            try {
                ProduceRequest.validateRecords(context.apiVersion(), partitionData.records());
            } catch (IllegalArgumentException e) { // a codec id that does not exist (read for versions < 7)
                stats.produceFailed(meters, bytes);
                return failed(index, Errors.CORRUPT_MESSAGE, "Record batch for " + tp + ": " + e.getMessage());
            }
            if (!(partitionData.records() instanceof MemoryRecords records)) {
                stats.produceFailed(meters, bytes);
                return failed(index, Errors.CORRUPT_MESSAGE, "Records are not in memory form");
            }
            RecordBatch first = verification == null ? null : firstBatch(records);
            if (first == null || !first.isTransactional() || !first.hasProducerId()) {
                return append(partition.get(), records, acks, timeoutMs, null, index, tp, meters, bytes);
            }
            long producerId = first.producerId();
            VerificationGuard guard = partition.get().maybeStartTransactionVerification(producerId);
            if (guard == VerificationGuard.SENTINEL && !chains.isWaiting(tp, producerId)) {
                // its transaction is open here and no earlier write waits: nothing to ask
                return append(partition.get(), records, acks, timeoutMs, guard, index, tp, meters, bytes);
            }
            short version = context.apiVersion();
            return chains.submit(tp, producerId,
                    () -> verification.register(tp, producerId, first.producerEpoch()), error -> {
                        if (error == Errors.NONE) {
                            return append(partition.get(), records, acks, timeoutMs, guard, index, tp, meters,
                                    bytes);
                        }
                        stats.produceFailed(meters, 0);
                        Errors refused = PendingVerification.forProducer(error, version);
                        return failed(index, refused, refused == error || refused == Errors.INVALID_PRODUCER_EPOCH
                                ? null : "Unable to " + (verification.adds() ? "add" : "verify")
                                + " the partition in the transaction: " + error);
                    });
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failure(index, e, tp, meters, bytes));
        }
    }

    private CompletableFuture<PartitionProduceResponse> append(Partition partition, MemoryRecords records, short acks,
                                                               int timeoutMs, VerificationGuard guard, int index,
                                                               TopicPartition tp, BrokerTopicStats.TopicMeters meters,
                                                               int bytes) {
        try {
            return partition.appendAsLeader(records, acks, Math.max(0, timeoutMs), guard)
                    .thenApply(result -> {
                        if (!result.duplicate()) {
                            stats.appended(meters, bytes, result.recordCount());
                        }
                        return success(index, result);
                    })
                    .exceptionally(e -> failure(index, e.getCause() != null ? e.getCause() : e, tp, meters, bytes));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failure(index, e, tp, meters, bytes));
        }
    }

    private static RecordBatch firstBatch(MemoryRecords records) {
        Iterator<MutableRecordBatch> batches = records.batches().iterator();
        return batches.hasNext() ? batches.next() : null;
    }

    private PartitionProduceResponse failure(int index, Throwable e, TopicPartition tp,
                                             BrokerTopicStats.TopicMeters meters, int bytes) {
        stats.produceFailed(meters, RejectedRecords.isRejection(e) ? bytes : 0);
        return failure(index, e, tp);
    }

    private static PartitionProduceResponse success(int index, AppendResult result) {
        return new PartitionProduceResponse()
                .setIndex(index)
                .setBaseOffset(result.firstOffset())
                .setLogAppendTimeMs(result.logAppendTime())
                .setLogStartOffset(result.logStartOffset());
    }

    private static PartitionProduceResponse failure(int index, Throwable e, TopicPartition tp) {
        Errors error = Errors.forException(e);
        if (!(e instanceof ApiException)) {
            LOG.error("Unexpected error appending to {}", tp, e);
        } else {
            LOG.debug("Produce to {} failed: {}", tp, e.getMessage());
        }
        PartitionProduceResponse response = new PartitionProduceResponse()
                .setIndex(index)
                .setErrorCode(error.code())
                .setErrorMessage(e.getMessage())
                .setBaseOffset(-1)
                .setLogAppendTimeMs(-1)
                .setLogStartOffset(-1);
        if (e instanceof RecordErrors refused) {
            // KIP-467, as Kafka's ReplicaManager: the records at fault, so the producer fails only those
            // (record_errors and error_message exist from Produce v8; older versions drop them when written)
            for (RecordError recordError : refused.recordErrors()) {
                response.recordErrors().add(new BatchIndexAndErrorMessage()
                        .setBatchIndex(recordError.batchIndex())
                        .setBatchIndexErrorMessage(recordError.message()));
            }
        }
        return response;
    }

    private static CompletableFuture<PartitionProduceResponse> failed(int index, Errors error, String message) {
        return CompletableFuture.completedFuture(new PartitionProduceResponse()
                .setIndex(index)
                .setErrorCode(error.code())
                .setErrorMessage(message)
                .setBaseOffset(-1)
                .setLogAppendTimeMs(-1)
                .setLogStartOffset(-1));
    }
}
