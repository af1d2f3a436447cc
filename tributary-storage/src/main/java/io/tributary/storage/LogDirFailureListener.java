package io.tributary.storage;

import java.nio.file.Path;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/** Hears that a log dir failed (an I/O error other than a full disk) and which partitions went offline with it. */
@FunctionalInterface
public interface LogDirFailureListener {

    /** Called once per failed dir, on a storage thread, after its logs were closed. */
    void onLogDirFailure(Path logDir, Set<TopicPartition> offlinePartitions);
}
