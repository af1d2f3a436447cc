package io.tributary.broker.share;

import io.tributary.broker.partition.HighWatermarkListener;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.TopicPartition;

/**
 * Long-polling share fetches: parked per partition until records may be acquirable there (its high watermark
 * moved, records were released or a lock expired, its state finished loading) or until their deadline.
 */
public final class ShareWaiters implements HighWatermarkListener {

    private final ConcurrentHashMap<TopicPartition, Set<Waiter>> waiters = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    public ShareWaiters(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /**
     * Parks a fetch: {@code attempt} tries to answer and says whether it did; {@code onDeadline} answers with
     * whatever there is. Exactly one of them answers.
     */
    void park(Collection<TopicPartition> partitions, long maxWaitMs, BooleanSupplier attempt, Runnable onDeadline) {
        Waiter waiter = new Waiter(partitions, attempt);
        for (TopicPartition tp : partitions) {
            waiters.computeIfAbsent(tp, k -> ConcurrentHashMap.newKeySet()).add(waiter);
        }
        waiter.deadline = timer.schedule(() -> waiter.expire(onDeadline), maxWaitMs, TimeUnit.MILLISECONDS);
        waiter.tryComplete(); // records may have come between the first attempt and registration
    }

    @Override
    public void onHighWatermarkAdvanced(TopicPartition partition) {
        wake(partition);
    }

    void wake(TopicPartition partition) {
        Set<Waiter> parked = waiters.get(partition);
        if (parked != null && !parked.isEmpty()) {
            for (Waiter waiter : parked) {
                waiter.tryComplete();
            }
        }
    }

    private final class Waiter {
        final Collection<TopicPartition> partitions;
        final BooleanSupplier attempt;
        final AtomicBoolean done = new AtomicBoolean();
        volatile ScheduledFuture<?> deadline;

        Waiter(Collection<TopicPartition> partitions, BooleanSupplier attempt) {
            this.partitions = partitions;
            this.attempt = attempt;
        }

        synchronized void tryComplete() {
            if (done.get()) {
                return;
            }
            if (attempt.getAsBoolean() && done.compareAndSet(false, true)) {
                unregister();
                ScheduledFuture<?> d = deadline;
                if (d != null) {
                    d.cancel(false);
                }
            }
        }

        /** Under the same monitor as an attempt, so records acquired by one are never lost to the other. */
        synchronized void expire(Runnable onDeadline) {
            if (done.compareAndSet(false, true)) {
                unregister();
                onDeadline.run();
            }
        }

        void unregister() {
            for (TopicPartition tp : partitions) {
                Set<Waiter> set = waiters.get(tp);
                if (set != null) {
                    set.remove(this);
                }
            }
        }
    }
}
