package io.tributary.quorum;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.replay.MetadataReplayer;
import io.tributary.metadata.snapshot.MetadataSnapshot;

/**
 * Builds the image from the quorum's batches and snapshots, as the controller's applier does, and hands each one
 * back to the quorum from a thread of its own (never from Ratis' apply thread), so the quorum snapshots it.
 */
final class ImageFeeder implements CommittedBatchListener, AutoCloseable {

    private final RecordingListener recording;
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private volatile MetadataImage image = MetadataImage.empty("quorum-test");
    private volatile MetadataQuorum quorum;

    ImageFeeder(RecordingListener recording) {
        this.recording = recording;
    }

    void feed(MetadataQuorum target) {
        this.quorum = target;
    }

    MetadataImage image() {
        return image;
    }

    @Override
    public void onCommittedBatch(long offset, List<MetadataRecord> records) {
        recording.onCommittedBatch(offset, records);
        MetadataReplayer replayer = new MetadataReplayer(image);
        records.forEach(record -> replayer.replay(record, offset));
        publish(replayer.build(offset));
    }

    @Override
    public void onSnapshot(long offset, List<MetadataRecord> records) {
        recording.onSnapshot(offset, records);
        publish(new MetadataSnapshot(offset, 0, records).toImage(image.clusterId()));
    }

    private void publish(MetadataImage next) {
        image = next;
        thread.execute(() -> {
            MetadataQuorum target = quorum;
            if (target != null) {
                target.imageApplied(next);
            }
        });
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
