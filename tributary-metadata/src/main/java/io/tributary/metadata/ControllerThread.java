package io.tributary.metadata;

import io.tributary.metadata.image.MetadataImage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.kafka.common.errors.NotControllerException;

import io.tributary.metadata.controller.ControllerResult;
import io.tributary.metadata.log.MetadataLog;
import io.tributary.metadata.record.MetadataRecord;

/**
 * The one thread controller operations and timers run on, one at a time: compute records from the image,
 * append, wait until committed and in the image, answer (once this node's listeners acted on it, or
 * {@link #LOCAL_APPLY_WAIT_MS} later). Blocking here is fine: batches are applied on the
 * applier's own thread.
 */
final class ControllerThread implements AutoCloseable {

    /**
     * How long an answer waits for this node's listeners to act on its change (its broker to make a new topic's
     * logs, apply a config) before it is sent anyway. Kafka answers once committed; waiting this long at most means
     * that on a single node a topic is ready when CreateTopics answers, as clients of a one-node cluster often
     * assume, while a topic of 10,000 partitions is still answered in seconds. The controller thread never waits
     * for it.
     */
    static final long LOCAL_APPLY_WAIT_MS = 5_000;

    private final MetadataLog metadataLog;
    private final MetadataApplier applier;
    private final ScheduledExecutorService executor;
    private volatile Runnable onCommitFailure = () -> { };

    ControllerThread(ScheduledExecutorService executor, MetadataLog metadataLog, MetadataApplier applier) {
        this.metadataLog = metadataLog;
        this.applier = applier;
        this.executor = executor;
    }

    /**
     * Runs {@code operation} if {@code active} holds when its turn comes (else fails with
     * {@code notActive}), commits its records, then completes with {@code afterCommit} of its response and the
     * image that includes them.
     */
    <T, R> CompletionStage<R> submit(BooleanSupplier active, Supplier<NotControllerException> notActive,
                                     Function<MetadataImage, ControllerResult<T>> operation,
                                     BiFunction<T, MetadataImage, R> afterCommit) {
        CompletableFuture<R> future = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    if (!active.getAsBoolean()) {
                        throw notActive.get();
                    }
                    ControllerResult<T> result = operation.apply(applier.image());
                    long offset = append(result.records());
                    R response = afterCommit.apply(result.response(), applier.image());
                    answerOnceApplied(offset, response, future);
                } catch (Throwable e) {
                    future.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(new NotControllerException("The metadata controller is closed"));
        }
        return future;
    }

    /** The answer, not this thread, waits for this node's listeners (see {@link #LOCAL_APPLY_WAIT_MS}). */
    private <R> void answerOnceApplied(long offset, R response, CompletableFuture<R> future) {
        if (offset < 0) {
            future.complete(response);
            return;
        }
        try {
            applier.awaitApplied(offset)
                    .completeOnTimeout(null, LOCAL_APPLY_WAIT_MS, TimeUnit.MILLISECONDS)
                    .whenComplete((ignored, failure) -> future.complete(response));
        } catch (RejectedExecutionException closing) {
            future.complete(response); // committed; the listeners are going away with this node
        }
    }

    /**
     * What to do when a commit fails: a batch that timed out may still commit later, so the image the next
     * operation would start from may lack it; the controller must re-activate before deciding anything again.
     */
    void onCommitFailure(Runnable action) {
        this.onCommitFailure = action;
    }

    /**
     * Appends and waits until the batch is committed and in the image (not until this node's broker has acted on
     * it). On this thread only.
     */
    void commit(List<MetadataRecord> records) throws Exception {
        append(records);
    }

    /** {@link #commit}; returns the batch's offset, or -1 for no records. */
    private long append(List<MetadataRecord> records) throws Exception {
        if (records.isEmpty()) {
            return -1;
        }
        try {
            long offset = metadataLog.append(records).toCompletableFuture().get();
            applier.awaitImage(offset).get();
            return offset;
        } catch (ExecutionException e) {
            onCommitFailure.run();
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    CompletableFuture<Void> run(Runnable task) {
        return CompletableFuture.runAsync(task, executor);
    }

    void scheduleEvery(long periodMs, Runnable task) {
        executor.scheduleWithFixedDelay(task, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
