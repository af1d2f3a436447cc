package io.tributary.coordinator.runtime;

/**
 * The producer a write is appended for: its records go into one transactional batch, so that the partition
 * tracks them as part of that producer's transaction and a COMMIT/ABORT marker later settles them.
 *
 * @param baseSequence sequence of the first record; the storage layer checks sequences like a client's
 */
public record ProducerBatch(long producerId, short producerEpoch, int baseSequence) {
}
