package io.tributary.bench.storage;

import io.tributary.storage.api.LogConfig;
import io.tributary.storage.LogManager;
import io.tributary.storage.PartitionLog;
import io.tributary.storage.StorageConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/** One partition log in a fresh temp directory, opened through the public LogManager like the broker does. */
final class TempLog implements AutoCloseable {

    static final TopicPartition PARTITION = new TopicPartition("bench", 0);

    private final Path dir;
    private final LogManager manager;
    private final PartitionLog log;

    private TempLog(Path dir, LogManager manager, PartitionLog log) {
        this.dir = dir;
        this.manager = manager;
        this.log = log;
    }

    /** Cleaner off: the benchmarks measure the request path, not background work. */
    static TempLog open(LogConfig config) {
        try {
            Path dir = Files.createTempDirectory("tributary-bench-");
            LogManager manager = new LogManager(
                    StorageConfig.defaults(List.of(dir)).withCleanerEnable(false), Time.SYSTEM);
            manager.startup();
            return new TempLog(dir, manager, manager.getOrCreateLog(PARTITION, Uuid.randomUuid(), config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    PartitionLog log() {
        return log;
    }

    @Override
    public void close() {
        manager.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
