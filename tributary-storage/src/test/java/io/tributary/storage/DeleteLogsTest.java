package io.tributary.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.storage.api.LogConfig;
import io.tributary.storage.checkpoint.OffsetCheckpointFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeleteLogsTest {

    @TempDir
    Path dir;

    @Test
    void deletingATopicsLogsRenamesEachAndLeavesOnlyTheOthersInTheCheckpoints() throws Exception {
        try (LogFixture fixture = new LogFixture(dir)) {
            // given: a topic of 50 partitions beside another topic's partition
            Uuid deletedId = Uuid.randomUuid();
            List<TopicPartition> deleted = new ArrayList<>();
            for (int p = 0; p < 50; p++) {
                TopicPartition tp = new TopicPartition("deleted", p);
                fixture.manager.getOrCreateLog(tp, deletedId, LogConfig.defaults());
                deleted.add(tp);
            }
            TopicPartition kept = new TopicPartition("kept", 0);
            fixture.manager.getOrCreateLog(kept, Uuid.randomUuid(), LogConfig.defaults());
            fixture.manager.checkpointAll();

            // when: all of them at once, as a deleted topic's partitions go
            fixture.manager.deleteLogs(deleted);

            // then: no log or directory of theirs is left (each renamed for removal), and every checkpoint
            // file, written after the renames, lists only the partition kept
            assertThat(fixture.manager.logs()).containsOnlyKeys(kept);
            try (Stream<Path> entries = Files.list(dir)) {
                List<String> names = entries.map(p -> p.getFileName().toString()).toList();
                assertThat(names).noneMatch(name -> name.matches("deleted-[0-9]+"));
                assertThat(names.stream().filter(name -> name.startsWith("deleted-") && name.endsWith("-delete")))
                        .hasSize(50);
            }
            for (String file : List.of(LogDirCheckpoints.RECOVERY_POINT, LogDirCheckpoints.LOG_START,
                    LogDirCheckpoints.CLEANER, LogDirCheckpoints.HIGH_WATERMARK)) {
                assertThat(new OffsetCheckpointFile(dir.resolve(file)).read()).as(file).containsOnlyKeys(kept);
            }
        }
    }

    @Test
    void partitionsWithoutALogAreSkipped() {
        try (LogFixture fixture = new LogFixture(dir)) {
            // given
            TopicPartition existing = new TopicPartition("t", 0);
            fixture.manager.getOrCreateLog(existing, Uuid.randomUuid(), LogConfig.defaults());

            // when
            fixture.manager.deleteLogs(List.of(new TopicPartition("t", 1), existing));

            // then
            assertThat(fixture.manager.logs()).isEmpty();
        }
    }
}
