package io.tributary.storage;

import java.nio.file.Path;
import java.util.List;

/**
 * Broker-wide storage settings (Kafka broker config names in comments).
 *
 * @param logDirs                           log.dirs
 * @param durable                           acknowledge produce only after fsync (group commit)
 * @param retentionCheckIntervalMs          log.retention.check.interval.ms
 * @param flushSchedulerIntervalMs          log.flush.scheduler.interval.ms (how often flush.ms is checked)
 * @param flushOffsetCheckpointIntervalMs   log.flush.offset.checkpoint.interval.ms (recovery / start offsets)
 * @param cleanerEnable                     log.cleaner.enable
 * @param cleanerBackoffMs                  log.cleaner.backoff.ms
 * @param producerIdExpirationMs            producer.id.expiration.ms
 * @param producerIdExpirationCheckIntervalMs producer.id.expiration.check.interval.ms
 * @param highWatermarkCheckpointIntervalMs replica.high.watermark.checkpoint.interval.ms
 * @param recoveryThreadsPerDataDir         num.recovery.threads.per.data.dir (threads loading each log dir's
 *                                          partitions at startup, recovering them after an unclean stop)
 */
public record StorageConfig(List<Path> logDirs, boolean durable, long retentionCheckIntervalMs,
                            long flushSchedulerIntervalMs, long flushOffsetCheckpointIntervalMs,
                            boolean cleanerEnable, long cleanerBackoffMs, int producerIdExpirationMs,
                            int producerIdExpirationCheckIntervalMs, long highWatermarkCheckpointIntervalMs,
                            int recoveryThreadsPerDataDir) {

    public StorageConfig {
        logDirs = List.copyOf(logDirs);
        if (logDirs.isEmpty()) throw new IllegalArgumentException("at least one log dir is required");
        if (recoveryThreadsPerDataDir < 1) throw new IllegalArgumentException("at least one recovery thread");
    }

    /** Kafka's defaults for the given directories; durable mode off. */
    public static StorageConfig defaults(List<Path> logDirs) {
        return new StorageConfig(logDirs, false, 300_000L, Long.MAX_VALUE, 60_000L, true, 15_000L,
                86_400_000, 600_000, 5_000L, 2);
    }

    public StorageConfig withDurable(boolean value) {
        return new StorageConfig(logDirs, value, retentionCheckIntervalMs, flushSchedulerIntervalMs,
                flushOffsetCheckpointIntervalMs, cleanerEnable, cleanerBackoffMs, producerIdExpirationMs,
                producerIdExpirationCheckIntervalMs, highWatermarkCheckpointIntervalMs, recoveryThreadsPerDataDir);
    }

    public StorageConfig withCleanerEnable(boolean value) {
        return new StorageConfig(logDirs, durable, retentionCheckIntervalMs, flushSchedulerIntervalMs,
                flushOffsetCheckpointIntervalMs, value, cleanerBackoffMs, producerIdExpirationMs,
                producerIdExpirationCheckIntervalMs, highWatermarkCheckpointIntervalMs, recoveryThreadsPerDataDir);
    }

    public StorageConfig withRecoveryThreadsPerDataDir(int value) {
        return new StorageConfig(logDirs, durable, retentionCheckIntervalMs, flushSchedulerIntervalMs,
                flushOffsetCheckpointIntervalMs, cleanerEnable, cleanerBackoffMs, producerIdExpirationMs,
                producerIdExpirationCheckIntervalMs, highWatermarkCheckpointIntervalMs, value);
    }
}
