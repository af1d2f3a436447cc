package io.tributary.metadata.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.record.ConfigRecord;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.PartitionChangeRecord;
import io.tributary.metadata.record.PartitionRecord;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.metadata.record.RemoveTopicRecord;
import io.tributary.metadata.record.TopicRecord;

class LocalMetadataLogTest {

    @TempDir
    Path dir;

    private final Uuid topicId = Uuid.randomUuid();
    private final List<MetadataRecord> everyKind = List.of(
        new RegisterBrokerRecord(1, List.of(new BrokerRegistration.Listener("PLAINTEXT", "h", 9092,
            SecurityProtocol.PLAINTEXT)), null, false),
        new TopicRecord("t", topicId),
        new PartitionRecord(topicId, 0, new int[] {1}, new int[] {1}, 1, 0, 0),
        PartitionChangeRecord.isrChange(topicId, 0, new int[] {1}),
        new ConfigRecord(ConfigResource.Type.TOPIC, "t", "retention.ms", "1"),
        new ConfigRecord(ConfigResource.Type.TOPIC, "t", "retention.ms", null),
        new RemoveTopicRecord(topicId));

    @Test
    void startDeliversTheReplayThenEveryAppendedBatchBeforeTheAppendCompletes() throws Exception {
        // given
        try (LocalMetadataLog log = LocalMetadataLog.open(dir, 4)) {
            log.start(batch -> { });
            log.append(everyKind.subList(0, 3)).toCompletableFuture().get();
        }
        List<MetadataBatch> delivered = new ArrayList<>();

        // when
        long offset;
        try (LocalMetadataLog log = LocalMetadataLog.open(dir, 4)) {
            log.start(delivered::add);
            int replayed = delivered.size();
            offset = log.append(everyKind.subList(3, 5)).toCompletableFuture().get();

            // then
            assertThat(replayed).isEqualTo(1);
            assertThat(log.writerEpoch()).isZero();
            assertThat(log.leaderId()).hasValue(4);
            assertThat(log.describe().highWatermark()).isEqualTo(5);
        }
        assertThat(offset).isEqualTo(4);
        assertThat(delivered).extracting(MetadataBatch::lastOffset).containsExactly(2L, 4L);
    }

    @Test
    void roundTripsEveryRecordKindWithOffsets() throws IOException {
        // given
        try (LocalMetadataLog log = LocalMetadataLog.open(dir)) {
            log.replay(batch -> { });
            log.appendSync(everyKind.subList(0, 3));
            log.appendSync(everyKind.subList(3, everyKind.size()));
        }

        // when
        List<MetadataBatch> batches = replayAll();

        // then
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0).baseOffset()).isZero();
        assertThat(batches.get(1).baseOffset()).isEqualTo(3);
        List<MetadataRecord> records = new ArrayList<>();
        batches.forEach(b -> records.addAll(b.records()));
        assertThat(records).isEqualTo(everyKind);
    }

    @Test
    void truncatesATornTailAndKeepsAppending() throws IOException {
        // given
        Path file;
        try (LocalMetadataLog log = LocalMetadataLog.open(dir)) {
            log.replay(batch -> { });
            log.appendSync(everyKind.subList(0, 2));
            log.appendSync(everyKind.subList(2, 4));
            file = log.file();
        }
        long fullSize = Files.size(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(fullSize - 5);
        }

        // when
        List<MetadataBatch> batches = new ArrayList<>();
        try (LocalMetadataLog log = LocalMetadataLog.open(dir)) {
            log.replay(batches::add);
            assertThat(log.endOffset()).isEqualTo(2);
            log.appendSync(List.of(new RemoveTopicRecord(topicId)));
        }

        // then
        assertThat(batches).hasSize(1);
        List<MetadataBatch> afterAppend = replayAll();
        assertThat(afterAppend).hasSize(2);
        assertThat(afterAppend.get(1).baseOffset()).isEqualTo(2);
    }

    @Test
    void truncatesACorruptTail() throws IOException {
        // given
        Path file;
        long firstFrameEnd;
        try (LocalMetadataLog log = LocalMetadataLog.open(dir)) {
            log.replay(batch -> { });
            log.appendSync(everyKind.subList(0, 2));
            file = log.file();
            firstFrameEnd = Files.size(file);
            log.appendSync(everyKind.subList(2, 4));
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {42}), Files.size(file) - 1);
        }

        // when
        List<MetadataBatch> batches = replayAll();

        // then
        assertThat(batches).hasSize(1);
        assertThat(Files.size(file)).isEqualTo(firstFrameEnd);
    }

    @Test
    void refusesASecondOpenerAndAppendsBeforeReplay() throws IOException {
        try (LocalMetadataLog log = LocalMetadataLog.open(dir)) {
            // when / then
            assertThatThrownBy(() -> log.appendSync(everyKind)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void metaPropertiesAreCreatedOnceAndChecked() throws IOException {
        // given
        MetaProperties created = MetaProperties.loadOrCreate(dir, 1, null);

        // when
        MetaProperties loaded = MetaProperties.loadOrCreate(dir, 1, null);

        // then
        assertThat(loaded).isEqualTo(created);
        assertThatThrownBy(() -> MetaProperties.loadOrCreate(dir, 2, null)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> MetaProperties.loadOrCreate(dir, 1, "other")).isInstanceOf(IOException.class);
    }

    @Test
    void theDirectoryIdIsKeptAcrossStartsAndAddedOnceToAFileFromBeforeIt() throws IOException {
        // given
        MetaProperties created = MetaProperties.loadOrCreate(dir, 1, "c1");
        java.nio.file.Path older = dir.resolve("older");
        java.nio.file.Files.createDirectories(older);
        java.nio.file.Files.writeString(older.resolve(MetaProperties.FILE_NAME),
            "version=1\ncluster.id=c1\nnode.id=2\n");

        // when
        MetaProperties upgraded = MetaProperties.loadOrCreate(older, 2, "c1");

        // then
        assertThat(created.directoryId()).isNotNull().isNotEqualTo(org.apache.kafka.common.Uuid.ZERO_UUID);
        assertThat(MetaProperties.loadOrCreate(dir, 1, "c1").directoryId()).isEqualTo(created.directoryId());
        assertThat(upgraded.directoryId()).isNotNull();
        assertThat(MetaProperties.loadOrCreate(older, 2, "c1").directoryId()).isEqualTo(upgraded.directoryId());
        assertThat(java.nio.file.Files.readString(dir.resolve(MetaProperties.FILE_NAME)))
            .contains("directory.id=" + created.directoryId());
    }

    private List<MetadataBatch> replayAll() throws IOException {
        List<MetadataBatch> batches = new ArrayList<>();
        try (LocalMetadataLog log = LocalMetadataLog.open(dir)) {
            log.replay(batches::add);
        }
        return batches;
    }
}
