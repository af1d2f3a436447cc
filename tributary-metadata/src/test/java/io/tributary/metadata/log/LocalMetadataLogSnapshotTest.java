package io.tributary.metadata.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.record.ProducerIdsRecord;
import io.tributary.metadata.snapshot.SnapshotImages;
import io.tributary.metadata.snapshot.SnapshotPolicy;

class LocalMetadataLogSnapshotTest {

    @TempDir
    Path dir;

    private final List<MetadataBatch> history = SnapshotImages.history(40);
    private final MetadataImage expected = SnapshotImages.replay(history);

    @Test
    void aRestartStartsFromTheNewestSnapshotAndTheSegmentsItCoversAreGone() throws IOException {
        // given: a snapshot after (about) every 2 KiB of records
        writeHistory(new SnapshotPolicy(2048, 0));

        // when
        List<MetadataBatch> delivered = new ArrayList<>();
        List<Path> segments;
        List<Path> snapshots;
        try (LocalMetadataLog log = LocalMetadataLog.open(dir, 1, new SnapshotPolicy(2048, 0))) {
            log.start(delivered::add);
            segments = log.segmentFiles();
            snapshots = log.snapshotFiles();
        }

        // then
        assertThat(snapshots).hasSize(LocalSnapshots.RETAINED);
        assertThat(segments).doesNotContain(dir.resolve(LocalMetadataLog.PARTITION_DIR).resolve(LocalMetadataLog.LOG_FILE));
        assertThat(delivered.get(0).snapshot()).isTrue();
        assertThat(delivered.get(0).lastOffset() + 1).isEqualTo(LocalSnapshots.endOffsetOf(snapshots.get(0)));
        assertThat(delivered.size()).isLessThan(history.size() / 4);
        assertThat(SnapshotImages.replay(delivered)).isEqualTo(expected);
    }

    @Test
    void appendsAfterAStartFromASnapshotContinueTheOffsets() throws IOException {
        // given
        writeHistory(new SnapshotPolicy(2048, 0));
        long end;

        // when
        try (LocalMetadataLog log = LocalMetadataLog.open(dir, 1, SnapshotPolicy.DEFAULT)) {
            log.start(batch -> { });
            end = log.endOffset();
            log.appendSync(List.of(new ProducerIdsRecord(1, 0, 5000)));
        }
        List<MetadataBatch> delivered = new ArrayList<>();
        try (LocalMetadataLog log = LocalMetadataLog.open(dir, 1, SnapshotPolicy.DEFAULT)) {
            log.start(delivered::add);
        }

        // then
        assertThat(end).isEqualTo(history.get(history.size() - 1).lastOffset() + 1);
        assertThat(delivered.get(delivered.size() - 1).baseOffset()).isEqualTo(end);
        assertThat(SnapshotImages.replay(delivered).nextProducerId()).isEqualTo(5000);
    }

    @Test
    void aDamagedNewestSnapshotIsRefusedAndTheOlderOneWithTheLogRebuildsTheSameImage() throws IOException {
        // given
        writeHistory(new SnapshotPolicy(2048, 0));
        Path newest;
        try (LocalMetadataLog log = LocalMetadataLog.open(dir, 1)) {
            newest = log.snapshotFiles().get(0);
        }
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(newest, bytes);

        // when
        List<MetadataBatch> delivered = new ArrayList<>();
        try (LocalMetadataLog log = LocalMetadataLog.open(dir, 1)) {
            log.start(delivered::add);
        }

        // then
        assertThat(newest).doesNotExist();
        assertThat(newest.resolveSibling(newest.getFileName() + LocalSnapshots.CORRUPT_SUFFIX)).exists();
        assertThat(delivered.get(0).snapshot()).isTrue();
        assertThat(delivered.get(0).lastOffset() + 1).isLessThan(LocalSnapshots.endOffsetOf(newest));
        assertThat(SnapshotImages.replay(delivered)).isEqualTo(expected);
    }

    @Test
    void withEverySnapshotDamagedAndTheLogPurgedTheStartFails() throws IOException {
        // given
        writeHistory(new SnapshotPolicy(2048, 0));
        try (LocalMetadataLog log = LocalMetadataLog.open(dir, 1)) {
            for (Path snapshot : log.snapshotFiles()) {
                Files.write(snapshot, new byte[64]);
            }
        }

        // when / then
        try (LocalMetadataLog log = LocalMetadataLog.open(dir, 1)) {
            assertThatThrownBy(() -> log.start(batch -> { })).isInstanceOf(IOException.class)
                .hasMessageContaining("no valid snapshot covers");
        }
    }

    @Test
    void withoutSnapshotsTheWholeLogIsReplayedAsBefore() throws IOException {
        // given: the default policy takes no snapshot of this small history
        writeHistory(SnapshotPolicy.DEFAULT);

        // when
        List<MetadataBatch> delivered = new ArrayList<>();
        try (LocalMetadataLog log = LocalMetadataLog.open(dir, 1)) {
            log.start(delivered::add);
            assertThat(log.snapshotFiles()).isEmpty();
            assertThat(log.segmentFiles()).hasSize(1);
        }

        // then
        assertThat(delivered).hasSize(history.size());
        assertThat(SnapshotImages.replay(delivered)).isEqualTo(expected);
    }

    /** Appends the history, handing each batch's image to the log as the controller's applier does. */
    private void writeHistory(SnapshotPolicy policy) throws IOException {
        try (LocalMetadataLog log = LocalMetadataLog.open(dir, 1, policy)) {
            log.start(batch -> { });
            List<MetadataBatch> applied = new ArrayList<>();
            for (MetadataBatch batch : history) {
                log.appendSync(batch.records());
                applied.add(batch);
                log.imageApplied(SnapshotImages.replay(applied));
            }
        }
    }
}
