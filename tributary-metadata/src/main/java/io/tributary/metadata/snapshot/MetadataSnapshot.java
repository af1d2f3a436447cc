package io.tributary.metadata.snapshot;

import java.util.List;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.replay.ImageRecords;
import io.tributary.metadata.replay.MetadataReplayer;

/**
 * The image at a metadata log offset, as the records that rebuild it (Kafka's snapshots are the same idea).
 *
 * @param lastOffset the offset of the last log record the snapshot covers; the log resumes after it
 * @param epoch      the Raft term of that record (0 on a single node)
 * @param records    the records that recreate the image from an empty one
 */
public record MetadataSnapshot(long lastOffset, int epoch, List<MetadataRecord> records) {

    public MetadataSnapshot {
        if (lastOffset < 0) {
            throw new IllegalArgumentException("a snapshot covers at least one record, got offset " + lastOffset);
        }
        records = List.copyOf(records);
    }

    /** The snapshot of {@code image}, which must reflect at least one record. */
    public static MetadataSnapshot of(MetadataImage image, int epoch) {
        return new MetadataSnapshot(image.offset(), epoch, ImageRecords.of(image));
    }

    /** Rebuilds the image: equal to the one the snapshot was taken of. */
    public MetadataImage toImage(String clusterId) {
        MetadataReplayer replayer = new MetadataReplayer(MetadataImage.empty(clusterId));
        // Registrations carry their own epochs; nothing else depends on the offset.
        records.forEach(record -> replayer.replay(record, MetadataImage.NO_OFFSET));
        return replayer.build(lastOffset);
    }
}
