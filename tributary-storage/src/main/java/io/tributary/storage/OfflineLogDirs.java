package io.tributary.storage;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.TopicPartition;

/**
 * The log dirs taken offline after an I/O error (Kafka's LogDirFailureChannel), the partitions that were in them,
 * and who hears of a failure. Thread-safe.
 */
final class OfflineLogDirs {

    private final Map<Path, Set<TopicPartition>> offline = new ConcurrentHashMap<>();
    private final Set<TopicPartition> partitions = ConcurrentHashMap.newKeySet();
    private final List<LogDirFailureListener> listeners = new CopyOnWriteArrayList<>();
    /** Read on every produce and fetch: one volatile read while no dir failed. */
    private volatile boolean anyOffline;

    /**
     * Whether {@code cause} means the directory failed. A full disk does not (writes are refused until space is
     * freed, the dir stays online), nor does a channel a close of ours interrupted (a deleted or closing log).
     */
    static boolean isDirFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ClosedChannelException) {
                return false;
            }
            String message = t.getMessage();
            if (t instanceof IOException && message != null
                    && (message.contains("No space left on device") || message.contains("Disk quota exceeded"))) {
                return false;
            }
        }
        return true;
    }

    /** Marks {@code dir} offline with its partitions; false if it already was. */
    boolean add(Path dir, Set<TopicPartition> dirPartitions) {
        if (offline.putIfAbsent(dir, Set.copyOf(dirPartitions)) != null) {
            return false;
        }
        partitions.addAll(dirPartitions);
        anyOffline = true;
        return true;
    }

    boolean contains(Path dir) {
        return offline.containsKey(dir);
    }

    boolean containsPartition(TopicPartition tp) {
        return anyOffline && partitions.contains(tp);
    }

    /** A deleted topic's partition is not offline any more: nothing of it is left to lose. */
    void forget(TopicPartition tp) {
        partitions.remove(tp);
    }

    Set<Path> dirs() {
        return Set.copyOf(offline.keySet());
    }

    void addListener(LogDirFailureListener listener) {
        listeners.add(listener);
    }

    void notifyFailed(Path dir) {
        Set<TopicPartition> dirPartitions = offline.getOrDefault(dir, Set.of());
        for (LogDirFailureListener listener : listeners) {
            listener.onLogDirFailure(dir, dirPartitions);
        }
    }
}
