package io.tributary.quorum;

import java.util.ArrayList;
import java.util.List;

import io.tributary.metadata.record.MetadataRecord;

/** Keeps every batch it is told of, in order, for assertions from the test thread. */
final class RecordingListener implements CommittedBatchListener {

    record Batch(long offset, List<MetadataRecord> records) {
    }

    private final List<Batch> batches = new ArrayList<>();
    private final List<Long> snapshots = new ArrayList<>();

    @Override
    public synchronized void onCommittedBatch(long offset, List<MetadataRecord> records) {
        batches.add(new Batch(offset, records));
    }

    @Override
    public synchronized void onSnapshot(long offset, List<MetadataRecord> records) {
        // The image is replaced: what was recorded before is part of it.
        batches.clear();
        batches.add(new Batch(offset, records));
        snapshots.add(offset);
    }

    /** The offsets of the snapshots loaded, in order. */
    synchronized List<Long> snapshots() {
        return List.copyOf(snapshots);
    }

    synchronized List<Batch> batches() {
        return List.copyOf(batches);
    }

    synchronized List<List<MetadataRecord>> recordBatches() {
        return batches.stream().map(Batch::records).toList();
    }
}
