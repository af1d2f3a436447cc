package io.tributary.storage.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's per-log-dir offset checkpoint text format ({@code recovery-point-offset-checkpoint},
 * {@code log-start-offset-checkpoint}, {@code cleaner-offset-checkpoint}): version line, count line, then
 * "topic partition offset" lines.
 */
public final class OffsetCheckpointFile {

    private static final Logger LOG = LoggerFactory.getLogger(OffsetCheckpointFile.class);
    private static final int VERSION = 0;

    private final Path file;

    public OffsetCheckpointFile(Path file) {
        this.file = file;
    }

    public synchronized void write(Map<TopicPartition, Long> offsets) throws IOException {
        StringBuilder sb = new StringBuilder(32 + offsets.size() * 32);
        sb.append(VERSION).append('\n').append(offsets.size()).append('\n');
        offsets.forEach((tp, offset) -> sb.append(tp.topic()).append(' ').append(tp.partition()).append(' ')
                .append(offset).append('\n'));
        AtomicFiles.write(file, sb.toString());
    }

    /** Offsets from the file; empty when it is missing or unreadable (then everything is recovered). */
    public synchronized Map<TopicPartition, Long> read() {
        Map<TopicPartition, Long> result = new HashMap<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.size() < 2 || Integer.parseInt(lines.get(0).trim()) != VERSION) return Map.of();
            int count = Integer.parseInt(lines.get(1).trim());
            for (int i = 0; i < count; i++) {
                String[] parts = lines.get(2 + i).trim().split(" ");
                result.put(new TopicPartition(parts[0], Integer.parseInt(parts[1])), Long.parseLong(parts[2]));
            }
            return result;
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring malformed checkpoint file {}: {}", file, e.toString());
            return Map.of();
        }
    }
}
