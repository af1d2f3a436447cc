package io.tributary.storage.recovery;

import io.tributary.storage.producer.CompletedTxn;
import io.tributary.storage.producer.ProducerStateManager;
import io.tributary.storage.segment.LogSegment;
import java.io.IOException;
import java.util.NavigableMap;
import org.apache.kafka.common.record.internal.FileLogInputStream.FileChannelRecordBatch;

/**
 * Rebuilds producer state for a log ending at nextOffset: the newest snapshot at or below it (newer ones are stale
 * and deleted) plus replay of the batches after it. The replay also restores transaction-index entries that a
 * crash lost. Used at load and after a truncation.
 */
public final class ProducerStateRebuild {

    private ProducerStateRebuild() {
    }

    public static void rebuild(ProducerStateManager producerState, NavigableMap<Long, LogSegment> segments,
                               long nextOffset, long logStart) throws IOException {
        long snapshotOffset = producerState.loadSnapshot(nextOffset);
        long replayFrom = Math.max(snapshotOffset, logStart);
        producerState.truncateHead(logStart);
        Long firstToReplay = segments.floorKey(replayFrom);
        NavigableMap<Long, LogSegment> toReplay = firstToReplay == null ? segments
                : segments.tailMap(firstToReplay, true);
        replay(producerState, toReplay, replayFrom, nextOffset);
        producerState.publishFirstUnstable(); // once the aborted transactions' index entries are back
    }

    private static void replay(ProducerStateManager producerState, NavigableMap<Long, LogSegment> segments,
                               long replayFrom, long nextOffset) throws IOException {
        for (LogSegment segment : segments.values()) {
            for (FileChannelRecordBatch batch : segment.log().batches()) {
                if (batch.lastOffset() < replayFrom) continue;
                if (batch.baseOffset() >= nextOffset) return;
                CompletedTxn completed = producerState.replay(batch);
                if (completed != null && completed.aborted()) {
                    // append skips entries the index already has
                    segment.txnIndex().append(completed.toAbortedTxn());
                }
            }
        }
    }
}
