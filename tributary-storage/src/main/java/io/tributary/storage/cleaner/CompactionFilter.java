package io.tributary.storage.cleaner;

import org.apache.kafka.common.record.internal.MemoryRecords.RecordFilter;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;

/**
 * Keeps the latest record per key. Tombstones get a delete horizon (now + delete.retention.ms) stamped into their
 * batch the first time they are cleaned (KIP-534, done by filterTo) and are dropped by a pass after it.
 * Control and transactional batches are kept as they are.
 */
final class CompactionFilter extends RecordFilter {

    private final KeyOffsetMap map;
    private long tombstoneDeadlineMs = Long.MAX_VALUE;

    CompactionFilter(long nowMs, long deleteRetentionMs, KeyOffsetMap map) {
        super(nowMs, deleteRetentionMs);
        this.map = map;
    }

    @Override
    protected BatchRetentionResult checkBatchRetention(RecordBatch batch) {
        boolean keepIntact = batch.isControlBatch() || batch.isTransactional();
        return new BatchRetentionResult(keepIntact ? BatchRetention.RETAIN_EMPTY : BatchRetention.DELETE_EMPTY, false);
    }

    @Override
    protected boolean shouldRetainRecord(RecordBatch batch, Record record) {
        if (batch.isControlBatch() || batch.isTransactional()) return true;
        if (!record.hasKey() || map.isSuperseded(record.key(), record.offset())) return false;
        if (record.hasValue()) return true;
        long horizon = batch.deleteHorizonMs().orElse(currentTime + deleteRetentionMs);
        if (currentTime >= horizon && batch.deleteHorizonMs().isPresent()) return false;
        tombstoneDeadlineMs = Math.min(tombstoneDeadlineMs, horizon);
        return true;
    }

    long tombstoneDeadlineMs() {
        return tombstoneDeadlineMs;
    }
}
