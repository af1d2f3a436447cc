package io.tributary.coordinator.runtime;

import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.Records;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a partition's log into its shard, one chunk per event so that other partitions keep being served
 * (and requests for this one get COORDINATOR_LOAD_IN_PROGRESS) while it loads.
 */
final class ShardLoader<S extends CoordinatorShard<R>, R> {

    private static final Logger LOG = LoggerFactory.getLogger(ShardLoader.class);

    private final EventExecutor executor;
    private final RecordSerde<R> serde;
    private final int chunkBytes;

    ShardLoader(EventExecutor executor, RecordSerde<R> serde, int chunkBytes) {
        this.executor = executor;
        this.serde = serde;
        this.chunkBytes = chunkBytes;
    }

    /**
     * Loads, starting on the calling (event) thread so that a small log is loaded before the requests queued
     * behind the election; {@code onDone} runs on the event thread once the whole log is replayed.
     */
    void load(ShardHolder<S, R> holder, Runnable onDone, Runnable onFailure) {
        long endOffset = holder.log.committedEndOffset();
        loadChunk(holder, holder.log.startOffset(), endOffset, onDone, onFailure);
    }

    private void loadChunk(ShardHolder<S, R> holder, long offset, long endOffset, Runnable onDone,
                           Runnable onFailure) {
        if (holder.state != ShardState.LOADING) {
            return; // resigned meanwhile
        }
        long next;
        try {
            next = replayFrom(holder, offset);
        } catch (RuntimeException e) {
            LOG.error("Failed to load coordinator partition {} at offset {}", holder.partition, offset, e);
            onFailure.run();
            return;
        }
        if (next >= endOffset || next == offset) {
            LOG.info("Loaded coordinator partition {} up to offset {}", holder.partition, next);
            onDone.run();
        } else {
            executor.execute(() -> loadChunk(holder, next, endOffset, onDone, onFailure));
        }
    }

    private long replayFrom(ShardHolder<S, R> holder, long offset) {
        Records records = holder.log.read(offset, chunkBytes);
        long next = offset;
        for (RecordBatch batch : records.batches()) {
            if (batch.lastOffset() < offset) {
                continue;
            }
            if (batch.isControlBatch()) {
                replayControlBatch(holder.shard, batch, offset);
            } else {
                for (Record record : batch) {
                    if (record.offset() >= offset && record.hasKey()) {
                        R decoded = serde.deserialize(record.key(), record.hasValue() ? record.value() : null);
                        if (decoded == null) {
                            continue;
                        }
                        if (batch.isTransactional()) {
                            holder.shard.replayTransactional(decoded, batch.producerId(), batch.producerEpoch(),
                                    record.sequence());
                        } else {
                            holder.shard.replay(decoded);
                        }
                    }
                }
            }
            next = batch.nextOffset();
        }
        return next;
    }

    /** Transaction markers settle the transactional records written before them. */
    private void replayControlBatch(S shard, RecordBatch batch, long offset) {
        for (Record record : batch) {
            if (record.offset() < offset || !record.hasKey()) {
                continue;
            }
            ControlRecordType type = ControlRecordType.parse(record.key());
            if (type == ControlRecordType.COMMIT || type == ControlRecordType.ABORT) {
                shard.replayEndTransaction(batch.producerId(), type == ControlRecordType.COMMIT);
            }
        }
    }
}
