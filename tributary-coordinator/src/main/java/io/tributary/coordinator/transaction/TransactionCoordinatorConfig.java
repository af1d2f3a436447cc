package io.tributary.coordinator.transaction;

/**
 * Transaction coordinator settings, Kafka's names and defaults.
 *
 * @param transactionStatePartitions    transaction.state.log.num.partitions (50)
 * @param maxTransactionTimeoutMs       transaction.max.timeout.ms (900000)
 * @param abortTimedOutCheckIntervalMs  transaction.abort.timed.out.transaction.cleanup.interval.ms (10000)
 * @param transactionalIdExpirationMs   transactional.id.expiration.ms (604800000)
 * @param offsetsTopicPartitions        offsets.topic.num.partitions (50): where AddOffsetsToTxn finds a group
 */
public record TransactionCoordinatorConfig(int transactionStatePartitions, int maxTransactionTimeoutMs,
                                           long abortTimedOutCheckIntervalMs, long transactionalIdExpirationMs,
                                           int offsetsTopicPartitions) {

    /** With the default number of {@code __consumer_offsets} partitions. */
    public TransactionCoordinatorConfig(int transactionStatePartitions, int maxTransactionTimeoutMs,
                                        long abortTimedOutCheckIntervalMs, long transactionalIdExpirationMs) {
        this(transactionStatePartitions, maxTransactionTimeoutMs, abortTimedOutCheckIntervalMs,
                transactionalIdExpirationMs, 50);
    }

    public static TransactionCoordinatorConfig defaults() {
        return new TransactionCoordinatorConfig(50, 900_000, 10_000, 604_800_000L, 50);
    }
}
