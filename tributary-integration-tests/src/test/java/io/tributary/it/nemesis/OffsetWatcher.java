package io.tributary.it.nemesis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Samples a group's committed offsets through the Admin client (OffsetFetch, what a restarting consumer would get)
 * every half second and remembers every change; an offset lower than one seen before is a regression.
 */
final class OffsetWatcher implements AutoCloseable {

    /** A committed offset seen for the first time, {@code millis} after the run started. */
    record Observation(long millis, TopicPartition partition, long offset) {
    }

    private static final long SAMPLE_INTERVAL_MS = 500;
    private static final long CALL_TIMEOUT_MS = 5_000;

    private final Admin admin;
    private final String group;
    private final long runStartNanos;
    private final Map<TopicPartition, Long> highest = new HashMap<>();
    private final List<Observation> observations = new ArrayList<>();
    private final List<String> regressions = new ArrayList<>();
    private final AtomicInteger failedSamples = new AtomicInteger();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "offset-watcher");
        thread.setDaemon(true);
        return thread;
    });

    OffsetWatcher(Admin admin, String group, long runStartNanos) {
        this.admin = admin;
        this.group = group;
        this.runStartNanos = runStartNanos;
        sampler.scheduleWithFixedDelay(this::sample, 0, SAMPLE_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /** Takes one more sample now, so the last commits are seen, then stops sampling. */
    void stop() throws InterruptedException {
        sampler.shutdown();
        sampler.awaitTermination(CALL_TIMEOUT_MS * 2, TimeUnit.MILLISECONDS);
        sample();
    }

    synchronized List<Observation> observations() {
        return List.copyOf(observations);
    }

    synchronized List<String> regressions() {
        return List.copyOf(regressions);
    }

    int failedSamples() {
        return failedSamples.get();
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }

    private void sample() {
        Map<TopicPartition, OffsetAndMetadata> offsets;
        try {
            offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            failedSamples.incrementAndGet(); // the coordinator is moving or cut off: try again at the next sample
            return;
        }
        long millis = (System.nanoTime() - runStartNanos) / 1_000_000;
        synchronized (this) {
            offsets.forEach((partition, committed) -> {
                if (committed == null) {
                    return;
                }
                Long before = highest.get(partition);
                if (before == null || committed.offset() != before) {
                    observations.add(new Observation(millis, partition, committed.offset()));
                }
                if (before != null && committed.offset() < before) {
                    regressions.add(partition + " went back from " + before + " to " + committed.offset() + " at "
                            + millis + " ms");
                }
                highest.merge(partition, committed.offset(), Math::max);
            });
        }
    }
}
