package io.tributary.broker.share;

import io.tributary.broker.group.InternalTopics;
import io.tributary.broker.partition.Partition;
import io.tributary.coordinator.share.SharePartitionKey;
import io.tributary.coordinator.share.ShareStatePersister;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The share-partitions this broker leads, created on first use and loaded from the share coordinator. A state
 * loaded under an older leadership, or fenced by an admin's offset change, is dropped and loaded again.
 */
public final class SharePartitionManager {

    private static final Logger LOG = LoggerFactory.getLogger(SharePartitionManager.class);
    private static final long LOAD_RETRY_BACKOFF_MS = 100;
    private static final long LOAD_TIMEOUT_MS = 10_000;

    private final Map<SharePartitionKey, SharePartition> partitions = new ConcurrentHashMap<>();
    private final ShareStatePersister persister;
    private final InternalTopics internalTopics;
    private final ShareLimits limits;
    private final ShareGroupConfigs groupConfigs;
    private final ScheduledExecutorService timer;
    private final ShareWaiters waiters;

    public SharePartitionManager(ShareStatePersister persister, InternalTopics internalTopics, ShareLimits limits,
                                 ShareGroupConfigs groupConfigs, ScheduledExecutorService timer,
                                 ShareWaiters waiters) {
        this.persister = persister;
        this.internalTopics = internalTopics;
        this.limits = limits;
        this.groupConfigs = groupConfigs;
        this.timer = timer;
        this.waiters = waiters;
    }

    ShareLimits limits() {
        return limits;
    }

    ShareGroupConfigs groupConfigs() {
        return groupConfigs;
    }

    ShareWaiters waiters() {
        return waiters;
    }

    /** The share-partition of a partition led here; it may still be loading (then it acquires nothing). */
    SharePartition get(SharePartitionKey key, Partition partition) {
        SharePartition existing = partitions.get(key);
        if (existing != null && existing.isCurrent()) {
            return existing;
        }
        TopicPartition tp = partition.topicPartition();
        SharePartition created = new SharePartition(key, partition, limits, groupConfigs, persister, timer,
                () -> waiters.wake(tp));
        SharePartition winner = partitions.compute(key, (k, current) ->
                current != null && current != existing && current.isCurrent() ? current : created);
        if (winner == created) {
            internalTopics.ensureShareStateTopic()
                    .thenCompose(ignored -> created.load()).toCompletableFuture()
                    // A load that never answers must not leave the partition loading for good: it is given up
                    // (the state closed) and the next fetch loads it again.
                    .orTimeout(LOAD_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .whenComplete((error, failure) -> {
                        if (failure == null && error == Errors.NONE) {
                            waiters.wake(tp);
                            return;
                        }
                        created.close();
                        // The state topic may still be coming up: parked fetches try again after a pause.
                        LOG.info("Share-partition {} could not load ({}); retrying", key,
                                failure != null ? failure : error);
                        timer.schedule(() -> waiters.wake(tp), LOAD_RETRY_BACKOFF_MS, TimeUnit.MILLISECONDS);
                    });
        }
        return winner;
    }

    /** The loaded share-partition, if any (describe: the live start offset). */
    SharePartition loaded(SharePartitionKey key) {
        SharePartition existing = partitions.get(key);
        return existing != null && existing.isCurrent() && existing.isReady() ? existing : null;
    }

    /** Forgets the in-memory state (offsets reset or deleted by an admin): the next use loads it again. */
    void forget(SharePartitionKey key) {
        SharePartition removed = partitions.remove(key);
        if (removed != null) {
            removed.close();
        }
    }
}
