package io.tributary.storage.api;

import org.apache.kafka.common.record.TimestampType;

/**
 * Typed per-topic log settings. Each component names the Kafka topic config it mirrors; {@link #defaults()} equals
 * Kafka's defaults.
 */
public record LogConfig(
        int segmentBytes,               // segment.bytes
        long segmentMs,                 // segment.ms
        long retentionMs,               // retention.ms (-1 = infinite)
        long retentionBytes,            // retention.bytes (-1 = infinite)
        boolean compact,                // cleanup.policy contains "compact"
        boolean delete,                 // cleanup.policy contains "delete"
        int maxMessageBytes,            // max.message.bytes
        TimestampType timestampType,    // message.timestamp.type
        long timestampBeforeMaxMs,      // message.timestamp.before.max.ms
        long timestampAfterMaxMs,       // message.timestamp.after.max.ms
        long deleteRetentionMs,         // delete.retention.ms
        long minCompactionLagMs,        // min.compaction.lag.ms
        long maxCompactionLagMs,        // max.compaction.lag.ms
        double minCleanableDirtyRatio,  // min.cleanable.dirty.ratio
        long flushMessages,             // flush.messages
        long flushMs,                   // flush.ms
        int indexIntervalBytes,         // index.interval.bytes
        int segmentIndexBytes,          // segment.index.bytes
        long fileDeleteDelayMs,         // file.delete.delay.ms
        boolean preallocate,            // preallocate
        String compressionType) {       // compression.type ("producer": keep what the producer sent)          // preallocate

    private static final LogConfig DEFAULTS = new LogConfig(
            1024 * 1024 * 1024, 7L * 24 * 60 * 60 * 1000, 7L * 24 * 60 * 60 * 1000, -1L,
            false, true, 1048588, TimestampType.CREATE_TIME, Long.MAX_VALUE, 3_600_000L,
            86_400_000L, 0L, Long.MAX_VALUE, 0.5, Long.MAX_VALUE, Long.MAX_VALUE,
            4096, 10 * 1024 * 1024, 60_000L, false, "producer");

    public LogConfig {
        if (segmentBytes < 14) throw new IllegalArgumentException("segment.bytes must be >= 14: " + segmentBytes);
        if (segmentIndexBytes < 12) throw new IllegalArgumentException("segment.index.bytes too small: " + segmentIndexBytes);
        if (maxMessageBytes < 0) throw new IllegalArgumentException("max.message.bytes must be >= 0");
        if (indexIntervalBytes < 0) throw new IllegalArgumentException("index.interval.bytes must be >= 0");
        if (timestampType == null || timestampType == TimestampType.NO_TIMESTAMP_TYPE)
            throw new IllegalArgumentException("message.timestamp.type must be CreateTime or LogAppendTime");
    }

    public static LogConfig defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Kafka's "cleanup.policy" value for this config. */
    public String cleanupPolicy() {
        if (compact && delete) return "compact,delete";
        return compact ? "compact" : delete ? "delete" : "";
    }

    public static final class Builder {
        private int segmentBytes;
        private long segmentMs;
        private long retentionMs;
        private long retentionBytes;
        private boolean compact;
        private boolean delete;
        private int maxMessageBytes;
        private TimestampType timestampType;
        private long timestampBeforeMaxMs;
        private long timestampAfterMaxMs;
        private long deleteRetentionMs;
        private long minCompactionLagMs;
        private long maxCompactionLagMs;
        private double minCleanableDirtyRatio;
        private long flushMessages;
        private long flushMs;
        private int indexIntervalBytes;
        private int segmentIndexBytes;
        private long fileDeleteDelayMs;
        private boolean preallocate;
        private String compressionType;

        private Builder(LogConfig c) {
            segmentBytes = c.segmentBytes;
            segmentMs = c.segmentMs;
            retentionMs = c.retentionMs;
            retentionBytes = c.retentionBytes;
            compact = c.compact;
            delete = c.delete;
            maxMessageBytes = c.maxMessageBytes;
            timestampType = c.timestampType;
            timestampBeforeMaxMs = c.timestampBeforeMaxMs;
            timestampAfterMaxMs = c.timestampAfterMaxMs;
            deleteRetentionMs = c.deleteRetentionMs;
            minCompactionLagMs = c.minCompactionLagMs;
            maxCompactionLagMs = c.maxCompactionLagMs;
            minCleanableDirtyRatio = c.minCleanableDirtyRatio;
            flushMessages = c.flushMessages;
            flushMs = c.flushMs;
            indexIntervalBytes = c.indexIntervalBytes;
            segmentIndexBytes = c.segmentIndexBytes;
            fileDeleteDelayMs = c.fileDeleteDelayMs;
            preallocate = c.preallocate;
            compressionType = c.compressionType;
        }

        public Builder segmentBytes(int v) { segmentBytes = v; return this; }
        public Builder segmentMs(long v) { segmentMs = v; return this; }
        public Builder retentionMs(long v) { retentionMs = v; return this; }
        public Builder retentionBytes(long v) { retentionBytes = v; return this; }
        public Builder compact(boolean v) { compact = v; return this; }
        public Builder delete(boolean v) { delete = v; return this; }
        public Builder maxMessageBytes(int v) { maxMessageBytes = v; return this; }
        public Builder timestampType(TimestampType v) { timestampType = v; return this; }
        public Builder timestampBeforeMaxMs(long v) { timestampBeforeMaxMs = v; return this; }
        public Builder timestampAfterMaxMs(long v) { timestampAfterMaxMs = v; return this; }
        public Builder deleteRetentionMs(long v) { deleteRetentionMs = v; return this; }
        public Builder minCompactionLagMs(long v) { minCompactionLagMs = v; return this; }
        public Builder maxCompactionLagMs(long v) { maxCompactionLagMs = v; return this; }
        public Builder minCleanableDirtyRatio(double v) { minCleanableDirtyRatio = v; return this; }
        public Builder flushMessages(long v) { flushMessages = v; return this; }
        public Builder flushMs(long v) { flushMs = v; return this; }
        public Builder indexIntervalBytes(int v) { indexIntervalBytes = v; return this; }
        public Builder segmentIndexBytes(int v) { segmentIndexBytes = v; return this; }
        public Builder fileDeleteDelayMs(long v) { fileDeleteDelayMs = v; return this; }
        public Builder preallocate(boolean v) { preallocate = v; return this; }
        public Builder compressionType(String v) { compressionType = v; return this; }

        /** Sets compact/delete from a Kafka cleanup.policy list such as "compact,delete". */
        public Builder cleanupPolicy(String policy) {
            compact = false;
            delete = false;
            for (String p : policy.split(",")) {
                String t = p.trim().toLowerCase(java.util.Locale.ROOT);
                if (t.equals("compact")) compact = true;
                else if (t.equals("delete")) delete = true;
                else if (!t.isEmpty()) throw new IllegalArgumentException("Unknown cleanup.policy: " + p);
            }
            return this;
        }

        public LogConfig build() {
            return new LogConfig(segmentBytes, segmentMs, retentionMs, retentionBytes, compact, delete,
                    maxMessageBytes, timestampType, timestampBeforeMaxMs, timestampAfterMaxMs, deleteRetentionMs,
                    minCompactionLagMs, maxCompactionLagMs, minCleanableDirtyRatio, flushMessages, flushMs,
                    indexIntervalBytes, segmentIndexBytes, fileDeleteDelayMs, preallocate, compressionType);
        }
    }
}
