package io.tributary.broker.transaction;

import io.tributary.broker.api.TransactionVerifier;
import io.tributary.coordinator.group.CoordinatorRequestContext;
import io.tributary.coordinator.transaction.TransactionCoordinator;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.network.client.NodeClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData.AddPartitionsToTxnTopic;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData.AddPartitionsToTxnTopicCollection;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData.AddPartitionsToTxnTransaction;
import org.apache.kafka.common.message.AddPartitionsToTxnRequestData.AddPartitionsToTxnTransactionCollection;
import org.apache.kafka.common.message.AddPartitionsToTxnResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AddPartitionsToTxnRequest;
import org.apache.kafka.common.requests.AddPartitionsToTxnResponse;

/**
 * The KIP-890 check or implicit add as AddPartitionsToTxn v5 (one transaction, verifyOnly unless adding): to this
 * broker's own transaction coordinator when it leads the transactional id's {@code __transaction_state}
 * partition, otherwise over the inter-broker listener to that partition's leader (without a cluster view: local
 * only, NOT_COORDINATOR elsewhere).
 */
public final class CoordinatorTransactionVerifier implements TransactionVerifier {

    static final short ADD_PARTITIONS_VERSION = 5;
    private static final CoordinatorRequestContext BROKER_CONTEXT =
            new CoordinatorRequestContext(ADD_PARTITIONS_VERSION, "broker-transaction-verification", null);

    private final TransactionCoordinator coordinator;
    private final Remote remote;
    private final AddRetry addRetry;
    private final VerificationMetrics metrics;

    /** How to reach the coordinators other brokers host. */
    public record Remote(int localBrokerId, Supplier<MetadataImage> image, NodeClient client,
                         String interBrokerListener, long requestTimeoutMs) {
    }

    /**
     * Kafka's {@code add.partitions.to.txn.retry.backoff.ms} and {@code .max.ms}: an add (transaction version 2)
     * answered CONCURRENT_TRANSACTIONS is retried, since the previous transaction's markers are usually written
     * within milliseconds, sooner than the producer's own retry.
     */
    public record AddRetry(long backoffMs, long maxMs) {
        public static final AddRetry KAFKA_DEFAULTS = new AddRetry(20, 100);
    }

    /** Single node: every {@code __transaction_state} partition is led here. */
    public CoordinatorTransactionVerifier(TransactionCoordinator coordinator) {
        this(coordinator, null, AddRetry.KAFKA_DEFAULTS);
    }

    public CoordinatorTransactionVerifier(TransactionCoordinator coordinator, Remote remote, AddRetry addRetry) {
        this(coordinator, remote, addRetry, null);
    }

    /** @param metrics Kafka's AddPartitionsToTxnManager metrics, or null for none */
    public CoordinatorTransactionVerifier(TransactionCoordinator coordinator, Remote remote, AddRetry addRetry,
                                          VerificationMetrics metrics) {
        this.coordinator = coordinator;
        this.remote = remote;
        this.addRetry = addRetry;
        this.metrics = metrics;
    }

    @Override
    public CompletableFuture<Map<TopicPartition, Errors>> verify(String transactionalId, long producerId,
                                                                 short producerEpoch,
                                                                 Set<TopicPartition> partitions, boolean add) {
        AddPartitionsToTxnRequestData request = request(transactionalId, producerId, producerEpoch, partitions, add);
        long startNanos = System.nanoTime();
        CompletableFuture<Map<TopicPartition, Errors>> answer = !add ? ask(transactionalId, partitions, request)
                : askRetrying(transactionalId, partitions, request,
                        startNanos + TimeUnit.MILLISECONDS.toNanos(addRetry.maxMs()));
        return metrics == null ? answer : answer.whenComplete((errors, ignored) -> recordMetrics(startNanos, errors));
    }

    /** As Kafka's manager: the whole ask's time, and each partition the coordinator did not confirm a failure. */
    private void recordMetrics(long startNanos, Map<TopicPartition, Errors> errors) {
        int failed = 0;
        if (errors != null) {
            for (Errors error : errors.values()) {
                if (error != Errors.NONE) {
                    failed++;
                }
            }
        }
        metrics.record(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), failed);
    }

    private CompletableFuture<Map<TopicPartition, Errors>> askRetrying(String transactionalId,
                                                                       Set<TopicPartition> partitions,
                                                                       AddPartitionsToTxnRequestData request,
                                                                       long deadlineNanos) {
        return ask(transactionalId, partitions, request).thenCompose(errors -> {
            long retryAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(addRetry.backoffMs());
            if (!errors.containsValue(Errors.CONCURRENT_TRANSACTIONS) || retryAt - deadlineNanos > 0) {
                return CompletableFuture.completedFuture(errors);
            }
            Executor later = CompletableFuture.delayedExecutor(addRetry.backoffMs(), TimeUnit.MILLISECONDS);
            return CompletableFuture.supplyAsync(() -> null, later)
                    .thenCompose(ignored -> askRetrying(transactionalId, partitions, request, deadlineNanos));
        });
    }

    private CompletableFuture<Map<TopicPartition, Errors>> ask(String transactionalId,
                                                               Set<TopicPartition> partitions,
                                                               AddPartitionsToTxnRequestData request) {
        int statePartition = coordinator.partitionFor(transactionalId);
        CompletableFuture<AddPartitionsToTxnResponseData> response;
        if (coordinator.isActive(statePartition) || remote == null || isLocalLeader(statePartition)) {
            response = coordinator.addPartitionsToTxn(BROKER_CONTEXT, request);
        } else {
            Optional<BrokerRegistration.Listener> leader = leaderOf(statePartition);
            if (leader.isEmpty()) {
                return CompletableFuture.completedFuture(all(partitions, Errors.COORDINATOR_NOT_AVAILABLE));
            }
            AddPartitionsToTxnRequest built = AddPartitionsToTxnRequest.Builder.forBroker(request.transactions())
                    .build(ADD_PARTITIONS_VERSION);
            response = remote.client().send(leader.get().host(), leader.get().port(), built,
                    remote.requestTimeoutMs()).thenApply(r -> ((AddPartitionsToTxnResponse) r).data());
        }
        return response.handle((data, failure) -> failure != null
                ? all(partitions, networkError(failure))
                : errorsOf(data, transactionalId, partitions));
    }

    /** Led here but not loaded yet: the local coordinator answers (COORDINATOR_LOAD_IN_PROGRESS). */
    private boolean isLocalLeader(int statePartition) {
        return leaderId(remote.image().get(), statePartition) == remote.localBrokerId();
    }

    private static int leaderId(MetadataImage image, int statePartition) {
        return image.topics().get(Topic.TRANSACTION_STATE_TOPIC_NAME)
                .flatMap(t -> t.partition(statePartition)).map(PartitionRegistration::leader)
                .orElse(PartitionRegistration.NO_LEADER);
    }

    private Optional<BrokerRegistration.Listener> leaderOf(int statePartition) {
        MetadataImage image = remote.image().get();
        int leader = leaderId(image, statePartition);
        if (leader == PartitionRegistration.NO_LEADER) {
            return Optional.empty();
        }
        return image.brokers().get(leader).flatMap(b -> b.endpoint(remote.interBrokerListener()));
    }

    private static AddPartitionsToTxnRequestData request(String transactionalId, long producerId,
                                                         short producerEpoch, Set<TopicPartition> partitions,
                                                         boolean add) {
        Map<String, List<Integer>> byTopic = new HashMap<>();
        partitions.forEach(tp -> byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition()));
        AddPartitionsToTxnTopicCollection topics = new AddPartitionsToTxnTopicCollection();
        byTopic.forEach((topic, indexes) -> topics.add(new AddPartitionsToTxnTopic().setName(topic)
                .setPartitions(indexes)));
        AddPartitionsToTxnTransactionCollection transactions = new AddPartitionsToTxnTransactionCollection();
        transactions.add(new AddPartitionsToTxnTransaction().setTransactionalId(transactionalId)
                .setProducerId(producerId).setProducerEpoch(producerEpoch).setVerifyOnly(!add).setTopics(topics));
        return new AddPartitionsToTxnRequestData().setTransactions(transactions);
    }

    /** Each partition's error; a top-level error applies to all (as Kafka: a refused broker is INVALID_TXN_STATE). */
    private static Map<TopicPartition, Errors> errorsOf(AddPartitionsToTxnResponseData data, String transactionalId,
                                                        Set<TopicPartition> partitions) {
        Errors topLevel = Errors.forCode(data.errorCode());
        if (topLevel != Errors.NONE) {
            return all(partitions, topLevel == Errors.CLUSTER_AUTHORIZATION_FAILED ? Errors.INVALID_TXN_STATE
                    : topLevel);
        }
        Map<TopicPartition, Errors> errors = all(partitions, Errors.UNKNOWN_SERVER_ERROR);
        AddPartitionsToTxnResponseData.AddPartitionsToTxnResult result =
                data.resultsByTransaction().find(transactionalId);
        if (result != null) {
            result.topicResults().forEach(topic -> topic.resultsByPartition().forEach(p -> errors.computeIfPresent(
                    new TopicPartition(topic.name(), p.partitionIndex()),
                    (tp, unknown) -> Errors.forCode(p.partitionErrorCode()))));
        }
        return errors;
    }

    private static Errors networkError(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof DisconnectException ? Errors.NETWORK_EXCEPTION : Errors.forException(cause);
    }

    private static Map<TopicPartition, Errors> all(Set<TopicPartition> partitions, Errors error) {
        Map<TopicPartition, Errors> errors = new HashMap<>();
        partitions.forEach(tp -> errors.put(tp, error));
        return errors;
    }
}
