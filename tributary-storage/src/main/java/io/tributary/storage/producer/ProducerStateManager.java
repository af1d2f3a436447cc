package io.tributary.storage.producer;

import io.tributary.storage.api.VerificationGuard;
import io.tributary.storage.segment.LogFileNames;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TransactionCoordinatorFencedException;
import org.apache.kafka.common.record.internal.ControlRecordType;
import org.apache.kafka.common.record.internal.EndTransactionMarker;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idempotent and transactional producer state of one partition. Mutated only under the log's append lock; the map
 * is concurrent so that DescribeProducers can read it without that lock, and the first unstable offset (start of
 * the earliest open transaction) is published through a volatile so that fetches compute the LSO lock-free.
 * Survives restarts through snapshots named by the log end offset at which they were taken, plus replay of the
 * batches after the snapshot.
 *
 * <p>The published first unstable offset may only be too low, never too high, for a lock-free reader: a transaction
 * that opens lowers it at once (before the log end moves past its first batch), while one that ends raises it only
 * when the log calls {@link #publishFirstUnstable()}, after it wrote the aborted transaction's index entry. Otherwise
 * a read_committed fetch could take the new LSO, read the aborted records below it, and look up the aborted
 * transactions before their entry exists: a consumer would be handed aborted records as committed.
 */
public final class ProducerStateManager {

    private static final Logger LOG = LoggerFactory.getLogger(ProducerStateManager.class);

    private final TopicPartition tp;
    private final File dir;
    private final Map<Long, ProducerEntry> producers = new ConcurrentHashMap<>();
    /** Open transactions by first offset: the smallest key bounds the last stable offset. */
    private final TreeMap<Long, Long> ongoingTxns = new TreeMap<>();
    private volatile long firstUnstableOffset = Long.MAX_VALUE;
    private long mapEndOffset;
    /** KIP-890 part 1: guards handed out to producers verified with their coordinator, not yet appended. */
    private final Map<Long, VerificationGuard> verifications = new ConcurrentHashMap<>();

    public ProducerStateManager(TopicPartition tp, File dir) {
        this.tp = tp;
        this.dir = dir;
    }

    public ProducerAppend newAppend() {
        return new ProducerAppend(this, tp, null);
    }

    /**
     * An append whose transactional batches may open a producer's transaction only with the guard this partition
     * handed out for that producer ({@link #maybeStartVerification}); null: no verification required.
     */
    public ProducerAppend newAppend(VerificationGuard guard) {
        return new ProducerAppend(this, tp, guard);
    }

    /**
     * The guard for a transactional producer about to write here: the sentinel when its transaction is already
     * open (nothing to verify: the common case, no coordinator round trip), else this partition's guard for it.
     */
    public VerificationGuard maybeStartVerification(long producerId, long nowMs) {
        ProducerEntry entry = producers.get(producerId);
        if (entry != null && entry.inTransaction()) return VerificationGuard.SENTINEL;
        return verifications.computeIfAbsent(producerId, pid -> new VerificationGuard(nowMs));
    }

    /** Whether {@code guard} is the one handed out to the producer and still valid. */
    boolean isVerified(long producerId, VerificationGuard guard) {
        return guard != VerificationGuard.SENTINEL && verifications.get(producerId) == guard;
    }

    ProducerEntry entry(long producerId) {
        return producers.get(producerId);
    }

    void commit(Map<Long, ProducerEntry> staged, long nextOffset) {
        producers.putAll(staged);
        // A batch was written: the transaction is open (or the producer moved on); the guard has served.
        staged.keySet().forEach(verifications::remove);
        for (ProducerEntry e : staged.values()) {
            if (e.inTransaction()) ongoingTxns.putIfAbsent(e.currentTxnFirstOffset(), e.producerId());
        }
        lowerFirstUnstable();
        mapEndOffset = nextOffset;
    }

    private long computedFirstUnstable() {
        return ongoingTxns.isEmpty() ? Long.MAX_VALUE : ongoingTxns.firstKey();
    }

    /** A transaction opened: readers must see it before the log end moves past its first batch. */
    private void lowerFirstUnstable() {
        long computed = computedFirstUnstable();
        if (computed < firstUnstableOffset) firstUnstableOffset = computed;
    }

    /**
     * Publishes the first unstable offset after transactions ended or state was rebuilt. The log calls it under
     * its lock once the transaction-index entries of the aborts it applied are written (see the class comment).
     */
    public void publishFirstUnstable() {
        long computed = computedFirstUnstable();
        // Called after every follower append: no volatile store (a full fence) when nothing ended.
        if (computed != firstUnstableOffset) firstUnstableOffset = computed;
    }

    /** First offset of the earliest open transaction, or Long.MAX_VALUE when none is open. */
    public long firstUnstableOffset() {
        return firstUnstableOffset;
    }

    /**
     * Checks a marker the coordinator asks for, before it is written: an older producer epoch or an older
     * coordinator epoch than already seen means that coordinator (or producer incarnation) was superseded.
     * Kafka also refuses a version 2 marker (KIP-1228) that does not bump the epoch; Tributary does not, since its
     * coordinator counts a refused marker as written (see transactions.md).
     */
    public void checkMarker(long producerId, short producerEpoch, int coordinatorEpoch) {
        ProducerEntry entry = producers.get(producerId);
        if (entry == null) return;
        if (producerEpoch < entry.epoch())
            throw new ProducerFencedException("Marker for producer " + producerId + " on " + tp + " has epoch "
                    + producerEpoch + ", older than the current " + entry.epoch());
        if (coordinatorEpoch < entry.coordinatorEpoch())
            throw new TransactionCoordinatorFencedException("Marker for producer " + producerId + " on " + tp
                    + " has coordinator epoch " + coordinatorEpoch + ", older than " + entry.coordinatorEpoch());
    }

    /**
     * Applies a marker written at markerOffset: ends the producer's open transaction, if any, and returns it
     * (null when the producer had no open transaction here). The first unstable offset is not raised until
     * {@link #publishFirstUnstable()}.
     */
    public CompletedTxn completeTxn(long producerId, short producerEpoch, int coordinatorEpoch, boolean commit,
                                    long markerOffset, long timestamp) {
        ProducerEntry current = producers.get(producerId);
        // a copy, as for data batches: lock-free readers never see an entry half-updated
        ProducerEntry entry = current == null ? new ProducerEntry(producerId, producerEpoch) : current.copy();
        long firstOffset = entry.currentTxnFirstOffset();
        entry.endTransaction(producerEpoch, coordinatorEpoch, markerOffset, timestamp);
        producers.put(producerId, entry);
        // The transaction ended: a write verified for it and not yet appended must not open a new one.
        verifications.remove(producerId);
        mapEndOffset = markerOffset + 1;
        if (firstOffset < 0) return null;
        ongoingTxns.remove(firstOffset, producerId);
        long lastStable = ongoingTxns.isEmpty() ? markerOffset + 1 : ongoingTxns.firstKey();
        return new CompletedTxn(producerId, firstOffset, markerOffset, !commit, lastStable);
    }

    /** Recomputes the open transactions; a lower first unstable offset is published at once, a higher one later. */
    private void rebuildOngoing() {
        ongoingTxns.clear();
        for (ProducerEntry e : producers.values()) {
            if (e.inTransaction()) ongoingTxns.put(e.currentTxnFirstOffset(), e.producerId());
        }
        lowerFirstUnstable();
    }

    public Collection<ProducerEntry> activeProducers() {
        return producers.values();
    }

    /**
     * Applies a batch already in the log (recovery replay) or written as the leader wrote it (follower): no
     * duplicate or sequence checks, the leader made them and the log is the truth. Returns the transaction a
     * marker batch completed (for the transaction index), otherwise null.
     */
    public CompletedTxn replay(RecordBatch batch) {
        mapEndOffset = batch.nextOffset();
        if (!batch.hasProducerId()) return null;
        if (batch.isControlBatch()) return replayMarker(batch);
        ProducerEntry current = producers.get(batch.producerId());
        if (current != null && batch.producerEpoch() < current.epoch()) return null;
        // a copy, as for appends: lock-free readers (DescribeProducers) never see an entry half-updated
        ProducerEntry entry = current == null ? new ProducerEntry(batch.producerId(), batch.producerEpoch())
                : current.copy();
        entry.addBatch(batch.producerEpoch(), new BatchMetadata(batch.baseSequence(), batch.lastSequence(),
                batch.baseOffset(), batch.lastOffset(), batch.maxTimestamp()));
        boolean opensTxn = batch.isTransactional() && !entry.inTransaction();
        if (opensTxn) entry.beginTransactionIfNone(batch.baseOffset());
        producers.put(batch.producerId(), entry);
        if (opensTxn) {
            ongoingTxns.put(batch.baseOffset(), batch.producerId());
            lowerFirstUnstable();
        }
        return null;
    }

    private CompletedTxn replayMarker(RecordBatch batch) {
        ControlRecordType type = ControlRecordType.UNKNOWN;
        int coordinatorEpoch = -1;
        for (Record record : batch) {
            type = ControlRecordType.parse(record.key());
            if (type == ControlRecordType.COMMIT || type == ControlRecordType.ABORT)
                coordinatorEpoch = EndTransactionMarker.deserialize(record).coordinatorEpoch();
            break; // a marker batch holds exactly one control record
        }
        if (type != ControlRecordType.COMMIT && type != ControlRecordType.ABORT) return null;
        return completeTxn(batch.producerId(), batch.producerEpoch(), coordinatorEpoch,
                type == ControlRecordType.COMMIT, batch.lastOffset(), batch.maxTimestamp());
    }

    public long mapEndOffset() {
        return mapEndOffset;
    }

    /** Drops producers not heard from within producer.id.expiration.ms, except those with an open transaction. */
    public void removeExpired(long nowMs, long expirationMs) {
        producers.values().removeIf(e -> !e.inTransaction() && nowMs - e.lastTimestamp() >= expirationMs);
        verifications.values().removeIf(guard -> nowMs - guard.createdMs() >= expirationMs);
    }

    /** Forgets producers whose every batch is now below the log start offset (retention or DeleteRecords). */
    public void truncateHead(long logStartOffset) {
        if (producers.values().removeIf(e -> e.lastOffset() < logStartOffset)) rebuildOngoing();
        deleteSnapshotsBelow(logStartOffset);
    }

    /** The log was emptied and restarted at offset: no producer state and no snapshot is valid any more. */
    public void truncateFullyAndStartAt(long offset) {
        producers.clear();
        verifications.clear();
        rebuildOngoing();
        publishFirstUnstable(); // the log is empty: nothing below its end is unstable
        for (File f : listSnapshots().values()) deleteQuietly(f);
        mapEndOffset = offset;
    }

    public void takeSnapshot(long offset) throws IOException {
        ProducerSnapshotFile.write(LogFileNames.producerSnapshotFile(dir, offset), new ArrayList<>(producers.values()));
    }

    /**
     * Loads the newest readable snapshot at or below maxOffset and returns its offset (where replay must start),
     * or -1 when none exists; snapshots above maxOffset are stale after truncation and are removed.
     */
    public long loadSnapshot(long maxOffset) {
        producers.clear();
        rebuildOngoing();
        TreeMap<Long, File> snapshots = listSnapshots();
        for (File stale : snapshots.tailMap(maxOffset, false).values()) deleteQuietly(stale);
        for (Map.Entry<Long, File> e : snapshots.headMap(maxOffset, true).descendingMap().entrySet()) {
            try {
                for (ProducerEntry entry : ProducerSnapshotFile.read(e.getValue())) producers.put(entry.producerId(), entry);
                rebuildOngoing();
                mapEndOffset = e.getKey();
                return e.getKey();
            } catch (IOException | RuntimeException ex) {
                LOG.warn("Ignoring unreadable producer snapshot {}: {}", e.getValue(), ex.toString());
                producers.clear();
                rebuildOngoing();
                deleteQuietly(e.getValue());
            }
        }
        mapEndOffset = 0;
        return -1L;
    }

    public void deleteSnapshotsBelow(long offset) {
        for (File f : listSnapshots().headMap(offset, false).values()) deleteQuietly(f);
    }

    private TreeMap<Long, File> listSnapshots() {
        TreeMap<Long, File> result = new TreeMap<>();
        File[] files = dir.listFiles((d, name) -> name.endsWith(LogFileNames.SNAPSHOT_SUFFIX));
        if (files != null) {
            for (File f : files) {
                try {
                    result.put(LogFileNames.offsetFromFileName(f.getName()), f);
                } catch (NumberFormatException ignored) {
                    // not ours
                }
            }
        }
        return result;
    }

    public List<Long> snapshotOffsets() {
        return new ArrayList<>(listSnapshots().keySet());
    }

    private static void deleteQuietly(File f) {
        try {
            Files.deleteIfExists(f.toPath());
        } catch (IOException e) {
            LOG.warn("Could not delete {}", f, e);
        }
    }
}
