package io.tributary.storage;

import io.tributary.storage.api.FlushListener;
import io.tributary.storage.flush.GroupCommitFlusher;
import java.io.File;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Broker-wide helpers a partition log uses: background scheduler, group-commit flusher, checkpoint hook. */
final class LogServices {

    private static final Logger LOG = LoggerFactory.getLogger(LogServices.class);

    private final ScheduledExecutorService scheduler;
    private final GroupCommitFlusher flusher;
    private final Consumer<File> logStartOffsetChanged;
    private final BiConsumer<File, Throwable> ioFailure;
    private final FlushListener flushes;

    LogServices(ScheduledExecutorService scheduler, GroupCommitFlusher flusher, Consumer<File> logStartOffsetChanged,
                BiConsumer<File, Throwable> ioFailure) {
        this(scheduler, flusher, logStartOffsetChanged, ioFailure, FlushListener.NONE);
    }

    LogServices(ScheduledExecutorService scheduler, GroupCommitFlusher flusher, Consumer<File> logStartOffsetChanged,
                BiConsumer<File, Throwable> ioFailure, FlushListener flushes) {
        this.flushes = flushes;
        this.scheduler = scheduler;
        this.flusher = flusher;
        this.logStartOffsetChanged = logStartOffsetChanged;
        this.ioFailure = ioFailure;
    }

    /**
     * An I/O operation on the partition in {@code partitionDir} failed: the log manager decides whether its log
     * dir failed (a full disk or a log closed meanwhile does not count). Returns the exception to throw.
     */
    RuntimeException ioFailed(File partitionDir, String what, Throwable cause) {
        ioFailure.accept(partitionDir, cause);
        return new KafkaStorageException(what + " failed: " + cause.getMessage(),
                cause);
    }

    FlushListener flushes() {
        return flushes;
    }

    GroupCommitFlusher flusher() {
        return flusher;
    }

    /** The log start of the partition in {@code partitionDir} moved: checkpoint it. */
    void logStartOffsetChanged(File partitionDir) {
        logStartOffsetChanged.accept(partitionDir);
    }

    /** Background work that may be skipped during shutdown (its effect is redone at the next start). */
    void schedule(Runnable task, long delayMs) {
        try {
            scheduler.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("Background storage task failed", e);
                }
            }, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Scheduler is shut down; skipping task");
        }
    }
}
