package io.tributary.storage.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.kafka.common.Uuid;

/** {@code partition.metadata}: Kafka's "version: 0" / "topic_id: <base64 uuid>" file in each partition dir. */
public final class PartitionMetadataFile {

    public static final String FILE_NAME = "partition.metadata";

    private PartitionMetadataFile() {
    }

    public static void write(Path partitionDir, Uuid topicId) throws IOException {
        AtomicFiles.write(partitionDir.resolve(FILE_NAME), "version: 0\ntopic_id: " + topicId + "\n");
    }

    public static Optional<Uuid> read(Path partitionDir) throws IOException {
        Path file = partitionDir.resolve(FILE_NAME);
        if (!Files.exists(file)) return Optional.empty();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("topic_id:")) return Optional.of(Uuid.fromString(line.substring(9).trim()));
        }
        return Optional.empty();
    }
}
