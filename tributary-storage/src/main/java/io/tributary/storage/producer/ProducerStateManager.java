package io.tributary.storage.producer;

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
import org.apache.kafka.common.record.internal.RecordBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idempotent-producer state of one partition. Mutated only under the log's append lock; the map is concurrent so
 * that DescribeProducers can read it without that lock. Survives restarts through snapshots named by the log end
 * offset at which they were taken, plus replay of the batches after the snapshot.
 */
public final class ProducerStateManager {

    private static final Logger LOG = LoggerFactory.getLogger(ProducerStateManager.class);

    private final TopicPartition tp;
    private final File dir;
    private final Map<Long, ProducerEntry> producers = new ConcurrentHashMap<>();
    private long mapEndOffset;

    public ProducerStateManager(TopicPartition tp, File dir) {
        this.tp = tp;
        this.dir = dir;
    }

    public ProducerAppend newAppend() {
        return new ProducerAppend(this, tp);
    }

    ProducerEntry entry(long producerId) {
        return producers.get(producerId);
    }

    void commit(Map<Long, ProducerEntry> staged, long nextOffset) {
        producers.putAll(staged);
        mapEndOffset = nextOffset;
    }

    public Collection<ProducerEntry> activeProducers() {
        return producers.values();
    }

    /** Rebuilds state from a batch already in the log: no checks, the log is the truth. */
    public void replay(RecordBatch batch) {
        mapEndOffset = batch.nextOffset();
        if (!batch.hasProducerId() || batch.isControlBatch()) return;
        ProducerEntry entry = producers.computeIfAbsent(batch.producerId(),
                pid -> new ProducerEntry(pid, batch.producerEpoch()));
        if (batch.producerEpoch() < entry.epoch()) return;
        entry.addBatch(batch.producerEpoch(), new BatchMetadata(batch.baseSequence(), batch.lastSequence(),
                batch.baseOffset(), batch.lastOffset(), batch.maxTimestamp()));
    }

    public long mapEndOffset() {
        return mapEndOffset;
    }

    /** Drops producers not heard from within producer.id.expiration.ms. */
    public void removeExpired(long nowMs, long expirationMs) {
        producers.values().removeIf(e -> nowMs - e.lastTimestamp() >= expirationMs);
    }

    /** Forgets producers whose every batch is now below the log start offset (retention or DeleteRecords). */
    public void truncateHead(long logStartOffset) {
        producers.values().removeIf(e -> e.lastOffset() < logStartOffset);
        deleteSnapshotsBelow(logStartOffset);
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
        TreeMap<Long, File> snapshots = listSnapshots();
        for (File stale : snapshots.tailMap(maxOffset, false).values()) deleteQuietly(stale);
        for (Map.Entry<Long, File> e : snapshots.headMap(maxOffset, true).descendingMap().entrySet()) {
            try {
                for (ProducerEntry entry : ProducerSnapshotFile.read(e.getValue())) producers.put(entry.producerId(), entry);
                mapEndOffset = e.getKey();
                return e.getKey();
            } catch (IOException | RuntimeException ex) {
                LOG.warn("Ignoring unreadable producer snapshot {}: {}", e.getValue(), ex.toString());
                producers.clear();
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
