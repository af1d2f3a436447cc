package io.tributary.coordinator.transaction;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;

/**
 * Writes a transaction marker (COMMIT or ABORT control record) to a data partition, provided by the broker
 * (locally today; to the partition leader over WriteTxnMarkers in a cluster). Completes with NONE once the marker
 * is committed in that partition, or with the partition's error (e.g. UNKNOWN_TOPIC_OR_PARTITION for a deleted
 * topic, which the coordinator treats as done). LEADER_NOT_AVAILABLE means the marker had no destination: the
 * partition's leader, or its inter-broker endpoint, is not known (retried, and counted as Kafka's
 * {@code UnknownDestinationQueueSize}).
 * <p>
 * {@code transactionVersion} is the transaction version the coordinator completed the transaction under (0 or 1:
 * the epoch stays; 2: KIP-890's epoch bump), carried to the leader by WriteTxnMarkers v2 (KIP-1228), whose leader
 * then also refuses a version 2 marker that does not bump the producer's epoch.
 */
@FunctionalInterface
public interface TransactionMarkerWriter {

    CompletableFuture<Errors> writeMarker(TopicPartition partition, long producerId, short producerEpoch,
                                          int coordinatorEpoch, boolean commit, short transactionVersion);
}
