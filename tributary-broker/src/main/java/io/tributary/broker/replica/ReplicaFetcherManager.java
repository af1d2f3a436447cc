package io.tributary.broker.replica;

import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.ReplicationQuota;
import io.tributary.broker.partition.ReplicaFollowing;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metrics.ReplicaFetcherStats;
import io.tributary.network.client.NodeClient;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The follower side of replication: one {@link ReplicaFetcher} per source broker, created when the first
 * partition follows that broker and stopped when the last one leaves. A partition whose leader changes moves
 * to the new leader's fetcher; its old fetcher has finished writing to it before the new one starts.
 */
public final class ReplicaFetcherManager implements ReplicaFollowing, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaFetcherManager.class);

    private final ReplicaFetcherStats stats;
    private final int localBrokerId;
    private final NodeClient client;
    private final Supplier<MetadataImage> image;
    private final String interBrokerListener;
    private final LongSupplier brokerEpoch;
    private final ReplicaFetchConfig config;
    private final Map<Integer, ReplicaFetcher> fetchers = new HashMap<>();
    private final Map<TopicPartition, Integer> sources = new HashMap<>();
    private ReplicationQuota followerQuota;

    /**
     * @param image               the current metadata image: where source brokers' endpoints are found
     * @param interBrokerListener the listener name brokers reach each other on
     * @param brokerEpoch         this broker's epoch, sent in every Fetch's ReplicaState
     */
    public ReplicaFetcherManager(int localBrokerId, NodeClient client, Supplier<MetadataImage> image,
                                 String interBrokerListener, LongSupplier brokerEpoch, ReplicaFetchConfig config) {
        this(localBrokerId, client, image, interBrokerListener, brokerEpoch, config, ReplicaFetcherStats.detached());
    }

    /** With the broker's replica fetcher metrics (MaxLag, ReplicationBytesInPerSec). */
    public ReplicaFetcherManager(int localBrokerId, NodeClient client, Supplier<MetadataImage> image,
                                 String interBrokerListener, LongSupplier brokerEpoch, ReplicaFetchConfig config,
                                 ReplicaFetcherStats stats) {
        this.stats = stats;
        this.localBrokerId = localBrokerId;
        this.client = client;
        this.image = image;
        this.interBrokerListener = interBrokerListener;
        this.brokerEpoch = brokerEpoch;
        this.config = config;
    }

    @Override
    public synchronized void follow(Partition partition, int leaderId, int leaderEpoch) {
        TopicPartition tp = partition.topicPartition();
        Integer current = sources.get(tp);
        if (current != null && current == leaderId && fetchers.get(current).leaderEpochOf(tp) == leaderEpoch) {
            return;
        }
        unfollow(tp);
        ReplicaFetcher fetcher = fetchers.computeIfAbsent(leaderId, this::startFetcher);
        fetcher.add(partition, leaderEpoch);
        sources.put(tp, leaderId);
        LOG.info("Following {} from broker {} in epoch {}", tp, leaderId, leaderEpoch);
    }

    @Override
    public synchronized void unfollow(TopicPartition tp) {
        Integer source = sources.remove(tp);
        if (source == null) {
            return;
        }
        stats.unfollowed(tp);
        ReplicaFetcher fetcher = fetchers.get(source);
        fetcher.remove(tp);
        if (fetcher.isEmpty()) {
            fetchers.remove(source);
            stop(fetcher);
        }
    }

    /** Partitions fetched from {@code sourceBrokerId} (for tests and diagnostics). */
    public synchronized long followedFrom(int sourceBrokerId) {
        return sources.values().stream().filter(s -> s == sourceBrokerId).count();
    }

    /** Stops every fetcher and waits for them: no fetcher writes to a log after this returns. */
    @Override
    public synchronized void close() {
        fetchers.values().forEach(ReplicaFetcher::requestStop);
        for (ReplicaFetcher fetcher : fetchers.values()) {
            try {
                fetcher.shutdown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fetchers.clear();
        sources.clear();
    }

    /** KIP-73: the follower.replication.throttled.rate quota every fetcher started from now on honours. */
    public synchronized void throttleWith(ReplicationQuota followerQuota) {
        this.followerQuota = followerQuota;
    }

    private ReplicaFetcher startFetcher(int sourceBrokerId) {
        ReplicaFetcher fetcher = new ReplicaFetcher(sourceBrokerId, localBrokerId, client,
                () -> endpointOf(sourceBrokerId), brokerEpoch, config, stats);
        if (followerQuota != null) {
            fetcher.throttleWith(followerQuota);
        }
        fetcher.start();
        return fetcher;
    }

    private Optional<BrokerRegistration.Listener> endpointOf(int brokerId) {
        return image.get().brokers().get(brokerId).flatMap(b -> b.endpoint(interBrokerListener));
    }

    private void stop(ReplicaFetcher fetcher) {
        // Off the caller's thread: the fetcher may be in a long poll; it writes nothing more once emptied.
        Thread stopper = new Thread(() -> {
            try {
                fetcher.shutdown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tributary-replica-fetcher-stop-" + fetcher.sourceBrokerId());
        stopper.setDaemon(true);
        stopper.start();
    }
}
