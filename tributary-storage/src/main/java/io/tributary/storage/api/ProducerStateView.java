package io.tributary.storage.api;

/**
 * Snapshot of one active producer, as DescribeProducers reports it: coordinatorEpoch is -1 before any marker,
 * currentTxnStartOffset -1 when no transaction is open.
 */
public record ProducerStateView(long producerId, int producerEpoch, int lastSequence, long lastTimestamp,
                                int coordinatorEpoch, long currentTxnStartOffset) {
}
