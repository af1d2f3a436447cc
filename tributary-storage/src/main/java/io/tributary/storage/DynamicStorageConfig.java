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

    // Written out: a record's generated equals is bootstrapped with method handles on first use, at every start
    // (LogManager compares the settings when the image's are applied).
    @Override
    public boolean equals(Object o) {
        return o instanceof DynamicStorageConfig other && cleanerBackoffMs == other.cleanerBackoffMs
                && producerIdExpirationMs == other.producerIdExpirationMs;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(cleanerBackoffMs) * 31 + producerIdExpirationMs;
    }
}
