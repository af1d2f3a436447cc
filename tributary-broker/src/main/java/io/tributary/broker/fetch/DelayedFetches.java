package io.tributary.broker.fetch;

import io.tributary.broker.partition.HighWatermarkListener;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;

/**
 * Long-polling fetches (fetch.min.bytes / max.wait.ms): parked per partition until new data is committed there
 * and their condition holds, or until their deadline.
 */
public final class DelayedFetches implements HighWatermarkListener {

    private final ConcurrentHashMap<TopicPartition, Set<Waiter>> watchers = new ConcurrentHashMap<>();
    /** Followers' fetches: they read to the log end, so they wake when it grows, and when the high watermark does. */
    private final ConcurrentHashMap<TopicPartition, Set<Waiter>> logEndWatchers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    /** Others waiting for high-watermark moves (share fetches); empty unless share groups are served. */
    private final List<HighWatermarkListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public DelayedFetches(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /**
     * Parks a fetch. {@code read} reads its partitions, {@code ready} says whether a read is enough to answer,
     * and {@code complete} answers with that very read (the deadline answers with a fresh one); it runs exactly
     * once, from a high-watermark move, the deadline, or this call if the fetch is already ready.
     */
    void park(Collection<TopicPartition> partitions, long maxWaitMs, Supplier<List<PartitionRead>> read,
              Predicate<List<PartitionRead>> ready, Consumer<List<PartitionRead>> complete) {
        park(watchers, partitions, maxWaitMs, read, ready, complete);
    }

    /** Like {@link #park} for a follower's fetch: woken by log-end growth and high-watermark moves. */
    void parkUntilLogEnd(Collection<TopicPartition> partitions, long maxWaitMs, Supplier<List<PartitionRead>> read,
                         Predicate<List<PartitionRead>> ready, Consumer<List<PartitionRead>> complete) {
        park(logEndWatchers, partitions, maxWaitMs, read, ready, complete);
    }

    private void park(ConcurrentHashMap<TopicPartition, Set<Waiter>> index, Collection<TopicPartition> partitions,
                      long maxWaitMs, Supplier<List<PartitionRead>> read, Predicate<List<PartitionRead>> ready,
                      Consumer<List<PartitionRead>> complete) {
        Waiter waiter = new Waiter(index, partitions, read, ready, complete);
        for (TopicPartition tp : partitions) {
            index.computeIfAbsent(tp, k -> ConcurrentHashMap.newKeySet()).add(waiter);
        }
        waiter.deadline = timer.schedule(waiter::forceComplete, maxWaitMs, TimeUnit.MILLISECONDS);
        // Data may have arrived between the first read and registration.
        waiter.tryComplete();
    }

    @Override
    public void onHighWatermarkAdvanced(TopicPartition partition) {
        wake(watchers, partition);
        // Followers too: the new high watermark is an answer of its own (consumers may read from followers).
        wake(logEndWatchers, partition);
        for (HighWatermarkListener listener : listeners) {
            listener.onHighWatermarkAdvanced(partition);
        }
    }

    /** Also tells {@code listener} of every high-watermark move (this is the partitions' only listener). */
    public void addListener(HighWatermarkListener listener) {
        listeners.add(listener);
    }

    @Override
    public void onLogEndAdvanced(TopicPartition partition) {
        wake(logEndWatchers, partition);
    }

    private static void wake(ConcurrentHashMap<TopicPartition, Set<Waiter>> index, TopicPartition partition) {
        Set<Waiter> waiting = index.get(partition);
        if (waiting != null && !waiting.isEmpty()) {
            for (Waiter waiter : waiting) {
                waiter.tryComplete();
            }
        }
    }

    private final class Waiter {
        private final ConcurrentHashMap<TopicPartition, Set<Waiter>> index;
        private final Collection<TopicPartition> partitions;
        private final Supplier<List<PartitionRead>> read;
        private final Predicate<List<PartitionRead>> ready;
        private final Consumer<List<PartitionRead>> complete;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile ScheduledFuture<?> deadline;

        Waiter(ConcurrentHashMap<TopicPartition, Set<Waiter>> index, Collection<TopicPartition> partitions,
               Supplier<List<PartitionRead>> read, Predicate<List<PartitionRead>> ready,
               Consumer<List<PartitionRead>> complete) {
            this.index = index;
            this.partitions = partitions;
            this.read = read;
            this.ready = ready;
            this.complete = complete;
        }

        void tryComplete() {
            if (done.get()) {
                return;
            }
            List<PartitionRead> reads = read.get();
            if (ready.test(reads)) {
                finish(reads);
            }
        }

        void forceComplete() {
            finish(null);
        }

        /** Answers once; {@code reads} is the read that made the fetch ready, or null to read afresh. */
        private void finish(List<PartitionRead> reads) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            ScheduledFuture<?> scheduled = deadline;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            for (TopicPartition tp : partitions) {
                index.computeIfPresent(tp, (k, set) -> {
                    set.remove(this);
                    return set.isEmpty() ? null : set;
                });
            }
            complete.accept(reads != null ? reads : read.get());
        }
    }
}
