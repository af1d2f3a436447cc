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
 * append, wait until committed and in the image, answer. Blocking here is fine: batches are applied on the
 * applier's own thread.
 */
final class ControllerThread implements AutoCloseable {

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
                    commit(result.records());
                    future.complete(afterCommit.apply(result.response(), applier.image()));
                } catch (Throwable e) {
                    future.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(new NotControllerException("The metadata controller is closed"));
        }
        return future;
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
        if (records.isEmpty()) {
            return;
        }
        try {
            long offset = metadataLog.append(records).toCompletableFuture().get();
            applier.awaitImage(offset).get();
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
