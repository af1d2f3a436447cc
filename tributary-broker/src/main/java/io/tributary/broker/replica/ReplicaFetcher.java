package io.tributary.broker.replica;

import io.tributary.broker.partition.Partition;
import io.tributary.broker.partition.ReplicationQuota;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metrics.ReplicaFetcherStats;
import io.tributary.network.client.NodeClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.FetchMetadata;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches every partition this broker follows from one source broker, on its own thread: one sessionless
 * Fetch at a time (replica id and broker epoch in ReplicaState), each partition from its log end, then the
 * answer is written to the logs on this thread. A partition that failed waits replica.fetch.backoff.ms (the
 * metadata usually moves it meanwhile). The thread is never interrupted: it may be writing a log.
 */
final class ReplicaFetcher implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaFetcher.class);
    private static final ReplicationQuota UNTHROTTLED = new ReplicationQuota("Unthrottled");
    /** The highest Fetch version this broker speaks; v15+ carries ReplicaState. */
    static final short FETCH_VERSION = 18;

    /** A followed partition: the leader epoch it is fetched in and when it may be fetched again. */
    private record Followed(Partition partition, int leaderEpoch, long notBeforeMs) {
    }

    /** How a response names a partition (v13+: by topic id). */
    private record Key(Uuid topicId, int partition) {
    }

    private final int sourceBrokerId;
    private final int localBrokerId;
    private final NodeClient client;
    private final Supplier<Optional<BrokerRegistration.Listener>> endpoint;
    private final LongSupplier brokerEpoch;
    private final ReplicaFetchConfig config;
    private final ReplicaFetcherStats stats;
    private final ConcurrentHashMap<TopicPartition, Followed> partitions = new ConcurrentHashMap<>();
    /** Held while an answer is written, so that removing a partition waits for the write in progress. */
    private final ReentrantLock writing = new ReentrantLock();
    private final Object idle = new Object();
    private final Thread thread;
    private volatile boolean running = true;
    /** KIP-73 follower throttle; unthrottled unless the manager hands one over before start. */
    private ReplicationQuota quota = UNTHROTTLED;
    /** The leader's high watermark each partition last reported (fetcher thread only): whether it is caught up. */
    private final Map<TopicPartition, Long> leaderHighWatermarks = new ConcurrentHashMap<>();

    ReplicaFetcher(int sourceBrokerId, int localBrokerId, NodeClient client,
                   Supplier<Optional<BrokerRegistration.Listener>> endpoint, LongSupplier brokerEpoch,
                   ReplicaFetchConfig config) {
        this(sourceBrokerId, localBrokerId, client, endpoint, brokerEpoch, config, ReplicaFetcherStats.detached());
    }

    ReplicaFetcher(int sourceBrokerId, int localBrokerId, NodeClient client,
                   Supplier<Optional<BrokerRegistration.Listener>> endpoint, LongSupplier brokerEpoch,
                   ReplicaFetchConfig config, ReplicaFetcherStats stats) {
        this.stats = stats;
        this.sourceBrokerId = sourceBrokerId;
        this.localBrokerId = localBrokerId;
        this.client = client;
        this.endpoint = endpoint;
        this.brokerEpoch = brokerEpoch;
        this.config = config;
        this.thread = new Thread(this, "tributary-replica-fetcher-" + sourceBrokerId);
        this.thread.setDaemon(true);
    }

    /** Where the next request's partition order starts; fetcher thread only. */
    private int rotation;
    /** Whether the last request failed (fetcher thread only): retries are logged quietly. */
    private boolean failing;

    void start() {
        thread.start();
    }

    /** Before {@link #start()}: the follower.replication.throttled.rate quota of this broker. */
    void throttleWith(ReplicationQuota followerQuota) {
        this.quota = followerQuota;
    }

    int sourceBrokerId() {
        return sourceBrokerId;
    }

    void add(Partition partition, int leaderEpoch) {
        partitions.put(partition.topicPartition(), new Followed(partition, leaderEpoch, 0));
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    /** Returns the epoch {@code tp} is fetched in here, or -1 if it is not. */
    int leaderEpochOf(TopicPartition tp) {
        Followed followed = partitions.get(tp);
        return followed == null ? -1 : followed.leaderEpoch();
    }

    /** Stops fetching {@code tp}; returns after any write to it in progress. */
    void remove(TopicPartition tp) {
        writing.lock();
        try {
            partitions.remove(tp);
            leaderHighWatermarks.remove(tp);
        } finally {
            writing.unlock();
        }
    }

    boolean isEmpty() {
        return partitions.isEmpty();
    }

    /** Asks the thread to stop once its current request ends (it is never interrupted). */
    void requestStop() {
        running = false;
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    /** Stops the thread and waits for it, up to one request's timeout. */
    void shutdown() throws InterruptedException {
        requestStop();
        thread.join(config.requestTimeoutMs() + config.maxWaitMs());
    }

    @Override
    public void run() {
        while (running) {
            try {
                if (!fetchOnce()) {
                    pause(config.backoffMs());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // A fetcher that died silently would leave its partitions out of the ISR for good: keep going.
                LOG.error("Replica fetcher for broker {} failed; backing off", sourceBrokerId, e);
                pause(config.backoffMs());
            }
        }
    }

    /** One round trip; false when nothing could be fetched (no endpoint, nothing ready, request failed). */
    private boolean fetchOnce() throws InterruptedException {
        long now = System.currentTimeMillis();
        Map<TopicPartition, FetchRequest.PartitionData> fetchData = new LinkedHashMap<>();
        Map<Key, Followed> sent = new LinkedHashMap<>();
        // Start one partition further each round: only the first partition with data may exceed the byte limits,
        // so a fixed order could starve a partition whose next batch is larger than replica.fetch.max.bytes.
        List<Followed> order = new ArrayList<>(partitions.values());
        int start = order.isEmpty() ? 0 : Math.floorMod(rotation++, order.size());
        for (int i = 0; i < order.size(); i++) {
            Followed followed = order.get((start + i) % order.size());
            if (followed.notBeforeMs() > now) {
                continue;
            }
            Partition partition = followed.partition();
            if (heldBackByThrottle(partition)) {
                continue;
            }
            int lastEpoch = partition.latestEpoch();
            fetchData.put(partition.topicPartition(), new FetchRequest.PartitionData(partition.topicId(),
                    partition.logEndOffset(), partition.logStartOffset(), config.maxBytes(),
                    Optional.of(followed.leaderEpoch()), lastEpoch < 0 ? Optional.empty() : Optional.of(lastEpoch)));
            sent.put(new Key(partition.topicId(), partition.topicPartition().partition()), followed);
        }
        Optional<BrokerRegistration.Listener> target = endpoint.get();
        if (fetchData.isEmpty() || target.isEmpty()) {
            return false;
        }
        FetchRequest request = FetchRequest.Builder.forReplica(FETCH_VERSION, localBrokerId, brokerEpoch.getAsLong(),
                        config.maxWaitMs(), config.minBytes(), fetchData)
                .setMaxBytes(config.responseMaxBytes())
                .metadata(FetchMetadata.LEGACY)
                .build(FETCH_VERSION);
        AbstractResponse response;
        try {
            response = client.send(target.get().host(), target.get().port(), request, config.requestTimeoutMs())
                    .get(config.requestTimeoutMs() + config.maxWaitMs(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            failed("at " + target.get().host() + ":" + target.get().port() + ": "
                    + (e.getCause() != null ? e.getCause().toString() : e.toString()));
            return false;
        }
        FetchResponse fetchResponse = (FetchResponse) response;
        if (fetchResponse.error() != Errors.NONE) {
            failed("with " + fetchResponse.error());
            return false;
        }
        if (failing) {
            failing = false;
            LOG.info("Fetching from broker {} again", sourceBrokerId);
        }
        apply(fetchResponse, sent, now);
        return true;
    }

    /**
     * KIP-73, as Kafka's follower: a throttled partition that is not caught up with the leader is left out of the
     * request while this broker's follower replication rate is over its bound.
     */
    private boolean heldBackByThrottle(Partition partition) {
        TopicPartition tp = partition.topicPartition();
        if (!quota.isThrottled(tp)) {
            return false;
        }
        Long leaderHighWatermark = leaderHighWatermarks.get(tp);
        boolean caughtUp = leaderHighWatermark != null && partition.logEndOffset() >= leaderHighWatermark;
        return !caughtUp && quota.isQuotaExceeded();
    }

    /** The first failure of a series is logged at INFO, the retries (every backoff while a peer is down) at DEBUG. */
    private void failed(String how) {
        if (failing) {
            LOG.debug("Fetch from broker {} failed {}", sourceBrokerId, how);
        } else {
            failing = true;
            LOG.info("Fetch from broker {} failed {}; retrying every {} ms", sourceBrokerId, how, config.backoffMs());
        }
    }

    private void apply(FetchResponse response, Map<Key, Followed> sent, long now) {
        List<Partition> appended = null; // durable mode only: to fsync before the next fetch
        writing.lock();
        try {
            if (!running) {
                return; // stopping: the logs may be closing
            }
            for (FetchResponseData.FetchableTopicResponse topic : response.data().responses()) {
                for (FetchResponseData.PartitionData data : topic.partitions()) {
                    Followed followed = sent.get(new Key(topic.topicId(), data.partitionIndex()));
                    // Skip partitions removed or moved to another epoch while the request was out.
                    if (followed == null || partitions.get(followed.partition().topicPartition()) != followed) {
                        continue;
                    }
                    if (applyOne(followed, data) == FollowerAppender.Next.BACK_OFF) {
                        partitions.replace(followed.partition().topicPartition(), followed, new Followed(
                                followed.partition(), followed.leaderEpoch(), now + config.backoffMs()));
                    } else if (followed.partition().isDurable() && data.records() != null
                            && data.records().sizeInBytes() > 0) {
                        if (appended == null) {
                            appended = new ArrayList<>();
                        }
                        appended.add(followed.partition());
                    }
                }
            }
        } finally {
            writing.unlock();
        }
        awaitDurable(appended);
    }

    /**
     * Durable mode: the next fetch reports these logs' ends to the leader, where they count toward acks=all, so
     * they are fsynced first (one group commit for all of them). Null (nothing, or not durable mode): nothing to do.
     */
    private void awaitDurable(List<Partition> appended) {
        if (appended == null) {
            return;
        }
        try {
            CompletableFuture.allOf(appended.stream().map(Partition::durableUpToLogEnd)
                    .toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            LOG.error("Flushing what was fetched from broker {} failed", sourceBrokerId, e);
        }
    }

    /** One partition's answer; a failure here (a bad batch, a storage error) only holds back that partition. */
    private FollowerAppender.Next applyOne(Followed followed, FetchResponseData.PartitionData data) {
        try {
            FollowerAppender.Next next = FollowerAppender.apply(followed.partition(), data);
            if (data.errorCode() == 0 && data.highWatermark() >= 0) {
                Partition partition = followed.partition();
                leaderHighWatermarks.put(partition.topicPartition(), data.highWatermark());
                if (quota.isThrottled(partition.topicPartition()) && data.records() != null) {
                    quota.record(data.records().sizeInBytes());
                }
                stats.fetched(partition.topicPartition(), data.records() == null ? 0 : data.records().sizeInBytes(),
                        data.highWatermark() - partition.logEndOffset());
            }
            return next;
        } catch (RuntimeException e) {
            LOG.error("Applying the fetched data of {} from broker {} failed; backing off",
                    followed.partition().topicPartition(), sourceBrokerId, e);
            return FollowerAppender.Next.BACK_OFF;
        }
    }

    private void pause(long ms) {
        synchronized (idle) {
            if (running) {
                try {
                    idle.wait(Math.max(1, ms));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
    }
}
