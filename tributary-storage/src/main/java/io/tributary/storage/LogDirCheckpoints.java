package io.tributary.storage;

import io.tributary.storage.checkpoint.OffsetCheckpointFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.TopicPartition;

/** The three per-log-dir checkpoint files Kafka keeps: recovery points, log start offsets, cleaner offsets. */
final class LogDirCheckpoints {

    static final String RECOVERY_POINT = "recovery-point-offset-checkpoint";
    static final String LOG_START = "log-start-offset-checkpoint";
    static final String CLEANER = "cleaner-offset-checkpoint";

    final OffsetCheckpointFile recoveryPoints;
    final OffsetCheckpointFile logStartOffsets;
    final OffsetCheckpointFile cleanerOffsets;

    LogDirCheckpoints(Path logDir) {
        recoveryPoints = new OffsetCheckpointFile(logDir.resolve(RECOVERY_POINT));
        logStartOffsets = new OffsetCheckpointFile(logDir.resolve(LOG_START));
        cleanerOffsets = new OffsetCheckpointFile(logDir.resolve(CLEANER));
    }

    void writeAll(Collection<PartitionLog> logsInDir) throws IOException {
        recoveryPoints.write(collect(logsInDir, PartitionLog::flushedOffset));
        writeLogStartOffsets(logsInDir);
        cleanerOffsets.write(collect(logsInDir, PartitionLog::firstDirtyOffset));
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
