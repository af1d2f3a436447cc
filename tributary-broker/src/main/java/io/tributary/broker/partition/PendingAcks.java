package io.tributary.broker.partition;

import io.tributary.storage.api.AppendResult;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.NotEnoughReplicasAfterAppendException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * acks=all appends waiting for the high watermark to pass their last offset (Kafka's delayed produce). Nothing
 * is allocated or locked while nobody waits: the high-watermark path checks one volatile first.
 */
final class PendingAcks {

    private record Waiter(long lastOffset, AppendResult result, CompletableFuture<AppendResult> future) {
    }

    private final PriorityQueue<Waiter> waiting = new PriorityQueue<>(
            (a, b) -> Long.compare(a.lastOffset, b.lastOffset));
    /** Lowest last offset waited for, or MAX_VALUE when the queue is empty. */
    private volatile long lowestWaited = Long.MAX_VALUE;

    /**
     * A future completed once the high watermark is above the append's last offset, or failed with
     * REQUEST_TIMED_OUT after {@code timeoutMs} ({@link Partition#NO_TIMEOUT}: never).
     */
    CompletableFuture<AppendResult> await(AppendResult result, long timeoutMs, TopicPartition tp) {
        CompletableFuture<AppendResult> future = new CompletableFuture<>();
        synchronized (this) {
            waiting.add(new Waiter(result.lastOffset(), result, future));
            lowestWaited = waiting.peek().lastOffset;
        }
        if (timeoutMs == Partition.NO_TIMEOUT) {
            return future;
        }
        // A timed-out waiter stays queued until the high watermark or a leadership change drops it: harmless.
        return future.orTimeout(timeoutMs, TimeUnit.MILLISECONDS).exceptionallyCompose(e ->
                CompletableFuture.failedFuture(e instanceof java.util.concurrent.TimeoutException
                        ? new TimeoutException("Timed out waiting for the ISR of " + tp + " to replicate offset "
                                + result.lastOffset())
                        : e));
    }

    /**
     * Completes every append whose last offset is below {@code highWatermark}: successfully, or, when the ISR
     * has meanwhile fallen below min.insync.replicas, with NOT_ENOUGH_REPLICAS_AFTER_APPEND (as Kafka does).
     */
    void completeBelow(long highWatermark, boolean enoughReplicas) {
        if (highWatermark <= lowestWaited) {
            return;
        }
        List<Waiter> ready = new ArrayList<>();
        synchronized (this) {
            while (!waiting.isEmpty() && waiting.peek().lastOffset < highWatermark) {
                ready.add(waiting.poll());
            }
            lowestWaited = waiting.isEmpty() ? Long.MAX_VALUE : waiting.peek().lastOffset;
        }
        // Outside the lock: completions run the produce response path.
        for (Waiter w : ready) {
            if (enoughReplicas) {
                w.future.complete(w.result);
            } else {
                w.future.completeExceptionally(new NotEnoughReplicasAfterAppendException("The ISR fell below "
                        + "min.insync.replicas before offset " + w.lastOffset + " was replicated"));
            }
        }
    }

    /** Fails everything still waiting (leadership lost). */
    void failAll(ApiException error) {
        List<Waiter> failed;
        synchronized (this) {
            failed = new ArrayList<>(waiting);
            waiting.clear();
            lowestWaited = Long.MAX_VALUE;
        }
        failed.forEach(w -> w.future.completeExceptionally(error));
    }
}
