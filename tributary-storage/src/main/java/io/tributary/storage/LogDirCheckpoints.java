package io.tributary.storage;

import io.tributary.storage.checkpoint.OffsetCheckpointFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.TopicPartition;

/**
 * The per-log-dir checkpoint files Kafka keeps: recovery points, log start offsets, cleaner offsets, and high
 * watermarks ({@code replication-offset-checkpoint}), so that a restarted broker never serves as committed what was
 * not: its high watermark starts at the checkpoint, at most its log end, and moves on only as replication allows.
 */
final class LogDirCheckpoints {

    static final String RECOVERY_POINT = "recovery-point-offset-checkpoint";
    static final String LOG_START = "log-start-offset-checkpoint";
    static final String CLEANER = "cleaner-offset-checkpoint";
    static final String HIGH_WATERMARK = "replication-offset-checkpoint";

    final OffsetCheckpointFile recoveryPoints;
    final OffsetCheckpointFile logStartOffsets;
    final OffsetCheckpointFile cleanerOffsets;
    final OffsetCheckpointFile highWatermarks;

    LogDirCheckpoints(Path logDir) {
        recoveryPoints = new OffsetCheckpointFile(logDir.resolve(RECOVERY_POINT));
        logStartOffsets = new OffsetCheckpointFile(logDir.resolve(LOG_START));
        cleanerOffsets = new OffsetCheckpointFile(logDir.resolve(CLEANER));
        highWatermarks = new OffsetCheckpointFile(logDir.resolve(HIGH_WATERMARK));
    }

    void writeAll(Collection<PartitionLog> logsInDir) throws IOException {
        recoveryPoints.write(collect(logsInDir, PartitionLog::flushedOffset));
        writeLogStartOffsets(logsInDir);
        cleanerOffsets.write(collect(logsInDir, PartitionLog::firstDirtyOffset));
        writeHighWatermarks(logsInDir);
    }

    void writeHighWatermarks(Collection<PartitionLog> logsInDir) throws IOException {
        highWatermarks.write(collect(logsInDir, PartitionLog::highWatermark));
    }

    void writeLogStartOffsets(Collection<PartitionLog> logsInDir) throws IOException {
        logStartOffsets.write(collect(logsInDir, PartitionLog::logStartOffset));
    }

    private static Map<TopicPartition, Long> collect(Collection<PartitionLog> logs, ToLongFunction<PartitionLog> f) {
        Map<TopicPartition, Long> result = new HashMap<>();
        for (PartitionLog log : logs) result.put(log.topicPartition(), f.applyAsLong(log));
        return result;
    }
}
