package io.tributary.storage;

import io.tributary.storage.api.AppendResult;
import io.tributary.storage.api.ProducerStateView;
import io.tributary.storage.producer.CompletedTxn;
import io.tributary.storage.segment.LogOffsetMetadata;
import io.tributary.storage.segment.LogSegment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.EndTransactionMarker;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.utils.Time;

/**
 * Transaction markers and producer-state upkeep of one partition's log. Marker appends and producer expiry
 * take the log lock, as every change to producer state does; the producer listing reads a snapshot without it.
 */
final class LogTransactions {

    private final LogState state;
    private final LogServices services;
    private final Time time;
    private final SegmentRoller roller;

    LogTransactions(LogState state, Time time, SegmentRoller roller, LogServices services) {
        this.services = services;
        this.state = state;
        this.time = time;
        this.roller = roller;
    }

    /** See {@link PartitionLog#appendTxnMarker}. */
    AppendResult appendTxnMarker(long producerId, short producerEpoch, int coordinatorEpoch, boolean commit,
                                 int leaderEpoch) {
        long now = time.milliseconds();
        AppendResult result;
        state.lock().lock();
        try {
            state.ensureOpen();
            state.requireLatestEpoch(leaderEpoch);
            state.producerState().checkMarker(producerId, producerEpoch, coordinatorEpoch);
            long offset = state.logEndOffset();
            EndTransactionMarker marker = new EndTransactionMarker(
                    commit ? ControlRecordType.COMMIT : ControlRecordType.ABORT, coordinatorEpoch);
            MemoryRecords records = MemoryRecords.withEndTransactionMarker(offset, now, leaderEpoch, producerId,
                    producerEpoch, marker);
            LogSegment segment = roller.maybeRoll(records.sizeInBytes(), now, offset, now);
            roller.append(segment, records);
            state.epochCache().assign(leaderEpoch, offset);
            CompletedTxn completed = state.producerState().completeTxn(producerId, producerEpoch, coordinatorEpoch,
                    commit, offset, now);
            state.endMetadata(new LogOffsetMetadata(offset + 1, segment.baseOffset(), segment.size()));
            state.addUnflushed(1); // a marker alone never triggers a flush.messages flush
            result = new AppendResult(offset, offset, -1L, state.logStartOffset(), 1, false);
            if (completed != null && completed.aborted()) { // after the log end moved: the marker is in the log
                segment.txnIndex().append(completed.toAbortedTxn());
            }
            state.producerState().publishFirstUnstable(); // only now may the LSO pass the ended transaction
        } catch (IOException | UncheckedIOException e) {
            throw services.ioFailed(state.dir(), "Marker append to " + state.topicPartition(), e);
        } finally {
            state.lock().unlock();
        }
        return result;
    }

    Collection<ProducerStateView> activeProducers() {
        List<ProducerStateView> views = new ArrayList<>();
        state.producerState().activeProducers().forEach(e -> views.add(new ProducerStateView(e.producerId(), e.epoch(),
                e.lastSequence(), e.lastTimestamp(), e.coordinatorEpoch(), e.currentTxnFirstOffset())));
        return views;
    }

    void removeExpiredProducers(long nowMs, long expirationMs) {
        state.lock().lock();
        try {
            state.producerState().removeExpired(nowMs, expirationMs);
        } finally {
            state.lock().unlock();
        }
    }
}
