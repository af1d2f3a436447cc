package io.tributary.coordinator.transaction;

import io.tributary.coordinator.runtime.AppendErrors;
import io.tributary.coordinator.runtime.CoordinatorResult;
import io.tributary.coordinator.runtime.CoordinatorTimer;
import io.tributary.coordinator.transaction.records.TransactionRecord;
import io.tributary.coordinator.transaction.state.TransactionMetadata;
import io.tributary.coordinator.transaction.state.TransactionState;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second phase of a transaction: once its PrepareCommit/PrepareAbort record is committed, writes a marker
 * to every partition it touched (retrying retriable failures), then records CompleteCommit/CompleteAbort.
 */
final class TransactionMarkers {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionMarkers.class);
    static final long RETRY_BACKOFF_MS = 100;
    // Not known to the shard; constant so that partitions never see a coordinator epoch go backwards.
    private static final int COORDINATOR_EPOCH = 0;

    private final TransactionStore transactions;
    private final TransactionMarkerWriter writer;
    private final TransactionWrites writes;
    private final CoordinatorTimer<TransactionRecord> timer;
    private final Time time;
    private final UnknownDestinationMarkers unknownDestination;
    private final CompletionRetries completionRetries;

    TransactionMarkers(TransactionStore transactions, TransactionMarkerWriter writer, TransactionWrites writes,
                       CoordinatorTimer<TransactionRecord> timer, Time time,
                       UnknownDestinationMarkers unknownDestination, CompletionRetries completionRetries) {
        this.unknownDestination = unknownDestination;
        this.completionRetries = completionRetries;
        this.transactions = transactions;
        this.writer = writer;
        this.writes = writes;
        this.timer = timer;
        this.time = time;
    }

    /** Writes {@code prepared} (a Prepare* state), answers {@code response}, then writes the markers. */
    <T> CoordinatorResult<T, TransactionRecord> prepare(String transactionalId, TransactionMetadata prepared,
                                                       T response) {
        return new CoordinatorResult<>(List.of(new TransactionRecord(transactionalId, prepared)), response, true,
                startOnCommit(Map.of(transactionalId, prepared)));
    }

    /** A commit hook starting the markers of every prepared transaction once its record is committed. */
    Consumer<Throwable> startOnCommit(Map<String, TransactionMetadata> prepared) {
        return failure -> {
            if (failure == null) {
                prepared.forEach(this::start);
            }
        };
    }

    /** Only on the event thread, with {@code prepared} the current (committed) metadata. */
    void start(String transactionalId, TransactionMetadata prepared) {
        Set<TopicPartition> remaining = new HashSet<>(prepared.partitions());
        if (remaining.isEmpty()) {
            writes.schedule((owner, future) -> complete(owner, transactionalId, prepared));
            return;
        }
        for (TopicPartition partition : prepared.partitions()) {
            send(transactionalId, prepared, partition, remaining);
        }
    }

    private void send(String transactionalId, TransactionMetadata prepared, TopicPartition partition,
                      Set<TopicPartition> remaining) {
        boolean commit = prepared.state() == TransactionState.PREPARE_COMMIT;
        CompletableFuture<Errors> written;
        try {
            written = writer.writeMarker(partition, prepared.producerId(), prepared.producerEpoch(),
                    COORDINATOR_EPOCH, commit, prepared.transactionVersion());
        } catch (RuntimeException e) {
            written = CompletableFuture.failedFuture(e);
        }
        written.whenComplete((error, failure) -> {
            Errors outcome = failure == null ? error : Errors.forException(unwrap(failure));
            writes.schedule((owner, future) -> {
                if (owner != transactions || !prepared.equals(transactions.get(transactionalId))) {
                    unknownDestination.settled(transactionalId, partition);
                    return CoordinatorResult.of(null); // moved on (reloaded elsewhere, or completed)
                }
                if (outcome == Errors.LEADER_NOT_AVAILABLE) {
                    unknownDestination.waiting(transactionalId, partition);
                } else {
                    unknownDestination.settled(transactionalId, partition);
                }
                if (isRetriable(outcome)) {
                    timer.schedule(retryKey(transactionalId, partition), RETRY_BACKOFF_MS, () -> {
                        send(transactionalId, prepared, partition, remaining);
                        return CoordinatorResult.of(null);
                    });
                    return CoordinatorResult.of(null);
                }
                if (outcome != Errors.NONE && outcome != Errors.UNKNOWN_TOPIC_OR_PARTITION) {
                    LOG.warn("Giving up the {} marker of {} on {}: {}", commit ? "COMMIT" : "ABORT",
                            transactionalId, partition, outcome);
                }
                remaining.remove(partition);
                return remaining.isEmpty() ? complete(owner, transactionalId, prepared) : CoordinatorResult.of(null);
            });
        });
    }

    /** The shard is unloaded: no marker of its transactions is sent from here any more. */
    void unloaded() {
        unknownDestination.clear();
        completionRetries.clear();
    }

    /** {@code owner}: the state of the shard the write runs on; another shard's (a reload) has moved on. */
    private CoordinatorResult<Void, TransactionRecord> complete(TransactionStore owner, String transactionalId,
                                                               TransactionMetadata prepared) {
        if (owner != transactions || !prepared.equals(transactions.get(transactionalId))) {
            return CoordinatorResult.of(null);
        }
        TransactionMetadata completed = prepared.completed(time.milliseconds());
        return new CoordinatorResult<>(List.of(new TransactionRecord(transactionalId, completed)), null, true,
                failure -> {
                    // As Kafka: retry what may pass (too few in-sync replicas, a timeout); NOT_COORDINATOR and a
                    // reload in progress leave the completion to whoever loads the partition.
                    if (failure != null
                            && AppendErrors.toClientError(failure) == Errors.COORDINATOR_NOT_AVAILABLE) {
                        retryCompletion(transactionalId, prepared);
                    }
                });
    }

    private void retryCompletion(String transactionalId, TransactionMetadata prepared) {
        LOG.info("Appending the completion of {} failed for now; retrying in {} ms", transactionalId,
                RETRY_BACKOFF_MS);
        completionRetries.queued(transactionalId);
        timer.schedule(completionKey(transactionalId), RETRY_BACKOFF_MS, () -> {
            completionRetries.dequeued(transactionalId);
            return complete(transactions, transactionalId, prepared);
        });
    }

    // A deleted topic's partitions will never take a marker: that counts as done.
    private static boolean isRetriable(Errors error) {
        return error != Errors.UNKNOWN_TOPIC_OR_PARTITION && error.exception() instanceof RetriableException;
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static String completionKey(String transactionalId) {
        return "txn-complete-" + transactionalId;
    }

    private static String retryKey(String transactionalId, TopicPartition partition) {
        return "txn-marker-" + transactionalId + "-" + partition;
    }
}
