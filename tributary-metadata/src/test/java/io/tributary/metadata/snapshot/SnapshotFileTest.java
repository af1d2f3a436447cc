package io.tributary.metadata.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.log.MetadataBatch;

class SnapshotFileTest {

    @TempDir
    Path dir;

    private final List<MetadataBatch> history = SnapshotImages.history(10);
    private final MetadataImage image = SnapshotImages.replay(history);

    @Test
    void anImageWrittenAndReadBackIsEqualBrokerEpochsAndOffsetIncluded() throws IOException {
        // given
        Path file = dir.resolve("snapshot");

        // when
        SnapshotFile.write(file, MetadataSnapshot.of(image, 3));
        MetadataSnapshot read = SnapshotFile.read(file);

        // then
        assertThat(read.lastOffset()).isEqualTo(image.offset());
        assertThat(read.epoch()).isEqualTo(3);
        MetadataImage rebuilt = read.toImage(SnapshotImages.CLUSTER_ID);
        assertThat(rebuilt).isEqualTo(image);
        assertThat(rebuilt.brokers().get(1).orElseThrow().epoch()).isZero();
        assertThat(rebuilt.brokers().get(2).orElseThrow().epoch()).isEqualTo(1);
        assertThat(rebuilt.brokers().get(2).orElseThrow().inControlledShutdown()).isTrue();
        assertThat(rebuilt.topics().size()).isEqualTo(6);
        assertThat(Files.list(dir)).containsExactly(file);
    }

    @Test
    void theSnapshotHoldsOnlyTheLiveState() {
        // given
        List<MetadataBatch> longHistory = SnapshotImages.history(300);

        // when
        int records = longHistory.stream().mapToInt(b -> b.records().size()).sum();
        MetadataSnapshot snapshot = MetadataSnapshot.of(SnapshotImages.replay(longHistory), 0);

        // then: deleted topics and superseded changes are gone
        assertThat(snapshot.records()).noneMatch(r -> r instanceof io.tributary.metadata.record.RemoveTopicRecord
            || r instanceof io.tributary.metadata.record.PartitionChangeRecord);
        assertThat(snapshot.records().size()).isLessThan(records * 6 / 10);
    }

    @Test
    void everyFlippedByteIsRefused() throws IOException {
        // given
        ByteBuffer bytes = SnapshotFile.encode(MetadataSnapshot.of(image, 0));

        for (int i = 0; i < bytes.limit(); i += 7) {
            ByteBuffer damaged = ByteBuffer.allocate(bytes.limit()).put(bytes.duplicate()).flip();
            damaged.put(i, (byte) (damaged.get(i) ^ 0x10));

            // when / then
            assertThatThrownBy(() -> SnapshotFile.decode(damaged)).isInstanceOf(CorruptSnapshotException.class);
        }
    }

    @Test
    void aTruncatedOrForeignFileIsRefused() throws IOException {
        // given
        Path file = dir.resolve("snapshot");
        SnapshotFile.write(file, MetadataSnapshot.of(image, 0));
        byte[] whole = Files.readAllBytes(file);

        // when
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));

        // then
        assertThatThrownBy(() -> SnapshotFile.read(file)).isInstanceOf(CorruptSnapshotException.class)
            .hasMessageContaining("damaged");
        Files.write(file, new byte[3]);
        assertThatThrownBy(() -> SnapshotFile.read(file)).isInstanceOf(CorruptSnapshotException.class);
        Files.write(file, new byte[100]);
        assertThatThrownBy(() -> SnapshotFile.read(file)).isInstanceOf(CorruptSnapshotException.class);
    }

    @Test
    void theTriggerFiresOnBytesOrOnTheIntervalOnceARecordCame() {
        // given
        SnapshotTrigger trigger = new SnapshotTrigger(new SnapshotPolicy(100, 1000), 0);

        // then
        assertThat(trigger.due(5000)).as("nothing new: no snapshot however long").isFalse();
        trigger.recordBytes(10);
        assertThat(trigger.due(500)).isFalse();
        assertThat(trigger.due(1000)).isTrue();
        trigger.snapshotTaken(1000);
        trigger.recordBytes(100);
        assertThat(trigger.due(1001)).isTrue();
        SnapshotTrigger untimed = new SnapshotTrigger(new SnapshotPolicy(100, 0), 0);
        untimed.recordBytes(1);
        assertThat(untimed.due(Long.MAX_VALUE)).isFalse();
    }
}
