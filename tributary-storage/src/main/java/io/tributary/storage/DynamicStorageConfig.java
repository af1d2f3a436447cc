package io.tributary.storage;

/**
 * The storage settings Kafka lets an operator change while the broker runs ({@code kafka-configs --entity-type
 * brokers --alter}); {@link LogManager#reconfigure} applies them without a restart.
 *
 * @param cleanerBackoffMs       log.cleaner.backoff.ms: the cleaner's sleep when there is nothing to clean
 * @param producerIdExpirationMs producer.id.expiration.ms: how long an idle producer's state is kept
 */
public record DynamicStorageConfig(long cleanerBackoffMs, int producerIdExpirationMs) {

    /** The values a broker starts with. */
    public static DynamicStorageConfig of(StorageConfig config) {
        return new DynamicStorageConfig(config.cleanerBackoffMs(), config.producerIdExpirationMs());
    }
}
