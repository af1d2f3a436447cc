package io.tributary.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogDirLayoutTest {

    @TempDir
    Path dir;

    @Test
    void metadataLogAndNonPartitionDirectoriesAreNotLoadedAsPartitions() throws Exception {
        // given the metadata log and other non-partition folders beside the partitions, as Kafka lays them out
        Path metadata = Files.createDirectories(dir.resolve("__cluster_metadata-0"));
        Files.writeString(metadata.resolve("00000000000000000000.log"), "not a kafka log segment");
        Files.createDirectories(dir.resolve("orders-0-stray"));
        Files.createDirectories(dir.resolve("not_a_partition"));

        // when
        try (LogManager manager = new LogManager(StorageConfig.defaults(List.of(dir)).withCleanerEnable(false),
                Time.SYSTEM)) {
            manager.startup();

            // then nothing was loaded and the metadata log is untouched
            assertThat(manager.logs()).isEmpty();
            assertThat(Files.readString(metadata.resolve("00000000000000000000.log")))
                    .isEqualTo("not a kafka log segment");
        }
    }
}
