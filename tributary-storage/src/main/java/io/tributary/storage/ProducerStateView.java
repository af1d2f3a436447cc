package io.tributary.storage;

/** Snapshot of one active idempotent producer, as DescribeProducers reports it. */
public record ProducerStateView(long producerId, int producerEpoch, int lastSequence, long lastTimestamp,
                                int coordinatorEpoch, long currentTxnStartOffset) {
}
