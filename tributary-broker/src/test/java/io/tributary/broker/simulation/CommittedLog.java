package io.tributary.broker.simulation;

import java.util.ArrayList;
import java.util.List;

import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.log.MetadataBatch;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.replay.MetadataReplayer;

/**
 * The committed metadata log of the simulated quorum, and the image after each batch, built by the real
 * {@link MetadataReplayer}. Replay is a pure function of (previous image, batch), so the brokers of the simulation
 * share these images instead of each building 100,000 partitions of its own; images no broker needs any more are
 * released. Every committed batch is shown to the {@link Observer} (the invariant checks, the measurements).
 */
final class CommittedLog {

    /** Sees every batch as it commits, with the images before and after it. */
    interface Observer {
        void onCommitted(int index, MetadataBatch batch, MetadataDelta delta, MetadataImage after);
    }

    private final List<MetadataBatch> batches = new ArrayList<>();
    private final List<MetadataImage> images = new ArrayList<>();
    private final List<Long> commitTimes = new ArrayList<>();
    private final MetadataImage empty;
    private final List<Observer> observers = new ArrayList<>();
    private int releasedBelow;

    CommittedLog(String clusterId) {
        this.empty = MetadataImage.empty(clusterId);
    }

    void addObserver(Observer observer) {
        observers.add(observer);
    }

    /** Number of committed batches; batch {@code i} is the i-th (0-based). */
    int size() {
        return batches.size();
    }

    long endOffset() {
        return batches.isEmpty() ? 0 : batches.get(batches.size() - 1).lastOffset() + 1;
    }

    MetadataBatch batch(int index) {
        return batches.get(index);
    }

    long commitTimeMs(int index) {
        return commitTimes.get(index);
    }

    /** The image after batch {@code index} (-1: the empty image), if still kept. */
    MetadataImage imageAfter(int index) {
        if (index < 0) {
            return empty;
        }
        return index < releasedBelow ? null : images.get(index);
    }

    MetadataImage latest() {
        return imageAfter(batches.size() - 1);
    }

    /** Commits a batch of records at the next offsets; returns its index. */
    int commit(List<MetadataRecord> records, long nowMs) {
        MetadataBatch batch = new MetadataBatch(endOffset(), records);
        MetadataImage before = latest();
        MetadataReplayer replayer = new MetadataReplayer(before);
        records.forEach(record -> replayer.replay(record, batch.lastOffset()));
        MetadataDelta delta = replayer.delta();
        MetadataImage after = replayer.build(batch.lastOffset());
        batches.add(batch);
        images.add(after);
        commitTimes.add(nowMs);
        int index = batches.size() - 1;
        observers.forEach(o -> o.onCommitted(index, batch, delta, after));
        return index;
    }

    /** Drops the images before batch {@code index}: every broker is at or past it (batches stay: the log). */
    void releaseImagesBelow(int index) {
        for (int i = releasedBelow; i < Math.min(index, images.size() - 1); i++) {
            images.set(i, null);
            releasedBelow = i + 1;
        }
    }
}
