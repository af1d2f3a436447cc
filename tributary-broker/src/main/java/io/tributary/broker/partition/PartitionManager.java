package io.tributary.broker.partition;

import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.MetadataListener;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.storage.api.LogConfig;
import io.tributary.storage.LogManager;
import io.tributary.storage.PartitionLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.protocol.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitions hosted by this broker, kept in step with the metadata image: a partition that appears in the
 * image gets a log, one that disappears (topic deleted, or recreated under a new id) loses it.
 */
public final class PartitionManager implements MetadataListener {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionManager.class);

    private final int localBrokerId;
    private final LogManager logManager;
    private final TopicConfigResolver configs;
    private final boolean durable;
    private final HighWatermarkListener hwListener;
    private final AlterPartitionSender alterPartition;
    private final ReplicaFollowing following;
    private final ConcurrentHashMap<TopicPartition, Partition> partitions = new ConcurrentHashMap<>();
    private final Map<String, Map<String, ?>> appliedConfigs = new HashMap<>();
    private final List<LeadershipListener> leadershipListeners = new CopyOnWriteArrayList<>();
    /** Partitions whose log dir failed: not served, not followed, not recreated (guarded by this). */
    private final Set<TopicPartition> offline = new HashSet<>();
    /** Partitions whose leadership the listeners were told of (guarded by this). */
    private final Set<TopicPartition> announced = new HashSet<>();
    /** KIP-73 replication throttles: what leaders here send to catching-up followers, what fetchers here pull. */
    private final ReplicationQuota leaderQuota = new ReplicationQuota("Leader");
    private final ReplicationQuota followerQuota = new ReplicationQuota("Follower");

    /** {@code leader.replication.throttled.rate} over the partitions of {@code leader.replication.throttled.replicas}. */
    public ReplicationQuota leaderReplicationQuota() {
        return leaderQuota;
    }

    /** {@code follower.replication.throttled.rate} over those of {@code follower.replication.throttled.replicas}. */
    public ReplicationQuota followerReplicationQuota() {
        return followerQuota;
    }

    /** A broker that is alone: it leads everything it hosts and never changes an ISR. */
    public PartitionManager(int localBrokerId, LogManager logManager, TopicConfigResolver configs, boolean durable,
                            HighWatermarkListener hwListener) {
        this(localBrokerId, logManager, configs, durable, hwListener, null, ReplicaFollowing.NONE);
    }

    /**
     * A cluster member: ISR changes go to the controller through {@code alterPartition}; partitions led
     * elsewhere are fetched through {@code following}.
     */
    public PartitionManager(int localBrokerId, LogManager logManager, TopicConfigResolver configs, boolean durable,
                            HighWatermarkListener hwListener, AlterPartitionSender alterPartition,
                            ReplicaFollowing following) {
        this.localBrokerId = localBrokerId;
        this.logManager = logManager;
        this.configs = configs;
        this.durable = durable;
        this.hwListener = hwListener;
        this.alterPartition = alterPartition;
        this.following = following;
    }

    /**
     * Takes the partitions of a log dir that fails offline (their logs refuse everything with
     * KAFKA_STORAGE_ERROR): their replica fetchers stop, their coordinators unload, and {@code reporter}, if any,
     * has the controller move their leadership and ISR membership to other replicas. The other dirs' partitions
     * are served as before.
     */
    public void watchLogDirs(OfflineReplicaReporter reporter) {
        logManager.addLogDirFailureListener((dir, failed) -> {
            List<TopicIdPartition> replicas = takeOffline(failed);
            if (reporter != null) {
                reporter.report(replicas);
            }
        });
    }

    private synchronized List<TopicIdPartition> takeOffline(Set<TopicPartition> failed) {
        List<TopicIdPartition> replicas = new ArrayList<>();
        for (TopicPartition tp : failed) {
            offline.add(tp);
            following.unfollow(tp);
            stopAnnouncing(tp);
            Partition partition = partitions.get(tp);
            if (partition != null) {
                // its high watermark will not move again: acks=all waiters fail now rather than at their timeout
                partition.failWaitingAppends(new KafkaStorageException("The log dir of " + tp + " failed"));
                replicas.add(new TopicIdPartition(partition.topicId(), tp));
            }
        }
        LOG.error("Partitions {} are offline: their log dir failed", failed);
        return replicas;
    }

    /** The log dirs that failed since start-up (DescribeLogDirs reports them with KAFKA_STORAGE_ERROR). */
    public Set<Path> offlineLogDirs() {
        return logManager.offlineLogDirs();
    }

    /** Whether the partition's log dir failed (its requests get KAFKA_STORAGE_ERROR). */
    public boolean isOffline(TopicPartition tp) {
        return logManager.isOffline(tp);
    }

    /** Checks every led partition's ISR every {@code replicaLagTimeMaxMs / 2} (Kafka's ISR expiration). */
    public void startIsrExpiration(ScheduledExecutorService timer, long replicaLagTimeMaxMs) {
        long period = Math.max(1, replicaLagTimeMaxMs / 2);
        timer.scheduleWithFixedDelay(() -> shrinkIsrs(System.currentTimeMillis(), replicaLagTimeMaxMs),
                period, period, TimeUnit.MILLISECONDS);
    }

    /** One ISR expiration pass over the partitions led here. */
    public void shrinkIsrs(long nowMs, long replicaLagTimeMaxMs) {
        for (Partition partition : partitions.values()) {
            if (logManager.isOffline(partition.topicPartition())) {
                continue;
            }
            try {
                partition.maybeShrinkIsr(nowMs, replicaLagTimeMaxMs);
            } catch (RuntimeException e) {
                LOG.warn("ISR check of {} failed", partition.topicPartition(), e);
            }
        }
    }

    /** Registers a listener and tells it about every partition led so far. */
    public synchronized void addLeadershipListener(LeadershipListener listener) {
        leadershipListeners.add(listener);
        announced.forEach(tp -> get(tp).ifPresent(listener::onBecomeLeader));
    }

    /** Every partition hosted here (a snapshot). */
    public Collection<Partition> all() {
        return List.copyOf(partitions.values());
    }

    public Optional<Partition> get(TopicPartition tp) {
        return Optional.ofNullable(partitions.get(tp));
    }

    /** The partition this broker leads, or Kafka's error for a partition it can't serve. */
    public Partition leader(TopicPartition tp) {
        Partition partition = partitions.get(tp);
        if (partition == null) {
            throw new UnknownTopicOrPartitionException("This server does not host this topic-partition: " + tp);
        }
        if (logManager.isOffline(tp)) { // as Kafka answers every request for an offline partition
            throw new KafkaStorageException("The log dir of " + tp + " failed");
        }
        if (!partition.isLeader()) {
            throw new NotLeaderOrFollowerException("Broker " + localBrokerId + " is not the leader of " + tp
                    + " (leader: " + partition.leaderId() + ")");
        }
        return partition;
    }

    /**
     * Like {@link #leader(TopicPartition)} for a request carrying the client's view of the leader epoch: that
     * is checked first, as Kafka does (FENCED_LEADER_EPOCH / UNKNOWN_LEADER_EPOCH), then the role.
     */
    public Partition leader(TopicPartition tp, Optional<Integer> currentLeaderEpoch) {
        Partition partition = partitions.get(tp);
        if (partition != null) {
            Errors epochError = partition.checkLeaderEpoch(currentLeaderEpoch);
            if (epochError != Errors.NONE) {
                throw epochError.exception();
            }
        }
        return leader(tp);
    }

    /** Drops logs on disk that the metadata does not know (left from a deleted or recreated topic). */
    public synchronized void removeStrayLogs(MetadataImage image) {
        List<TopicPartition> strays = new ArrayList<>();
        for (Map.Entry<TopicPartition, PartitionLog> entry : logManager.logs().entrySet()) {
            TopicPartition tp = entry.getKey();
            Optional<TopicImage> topic = image.topics().get(tp.topic());
            boolean known = topic.isPresent() && topic.get().id().equals(entry.getValue().topicId())
                    && topic.get().partitions().containsKey(tp.partition());
            if (!known) {
                LOG.warn("Deleting stray log {} (topic id {}) that the metadata does not list", tp,
                        entry.getValue().topicId());
                strays.add(tp);
            }
        }
        if (!strays.isEmpty()) {
            logManager.deleteLogs(strays);
        }
    }

    @Override
    public synchronized void onMetadataUpdate(MetadataDelta delta, MetadataImage image) {
        createNewLogs(image);
        Set<TopicPartition> wanted = new HashSet<>();
        for (TopicImage topic : image.topics().all()) {
            Map<String, ?> effective = configs.effectiveTopicConfig(topic.name());
            boolean configChanged = !effective.equals(appliedConfigs.put(topic.name(), effective));
            LogConfig logConfig = configChanged ? LogConfigs.from(effective) : null;
            int minIsr = LogConfigs.minInsyncReplicas(effective);
            for (Map.Entry<Integer, PartitionRegistration> p : topic.partitions().entrySet()) {
                if (!hostsReplica(p.getValue())) {
                    continue;
                }
                TopicPartition tp = new TopicPartition(topic.name(), p.getKey());
                wanted.add(tp);
                if (offline.contains(tp)) {
                    continue; // its log dir failed: it neither leads nor follows until the broker restarts
                }
                try {
                    reconcile(tp, topic.id(), p.getValue(), minIsr, configChanged, effective, logConfig);
                } catch (KafkaStorageException e) {
                    LOG.error("Cannot host {}: {}", tp, e.getMessage()); // its log dir failed meanwhile
                }
            }
        }
        appliedConfigs.keySet().retainAll(image.topics().all().stream().map(TopicImage::name).toList());
        List<TopicPartition> removed = new ArrayList<>();
        for (TopicPartition tp : Set.copyOf(partitions.keySet())) {
            if (!wanted.contains(tp)) {
                stopHosting(tp);
                removed.add(tp);
            }
        }
        if (!removed.isEmpty()) {
            // One checkpoint round for all of them (a deleted topic of 10,000 partitions), not one per partition.
            logManager.deleteLogs(removed);
            removed.forEach(tp -> LOG.info("Removed partition {}", tp));
        }
    }

    /**
     * The logs of partitions this broker is to host for the first time, made together before they are reconciled one
     * by one (a new topic of thousands of partitions: their fsyncs overlap instead of queueing), each it leads with
     * its leader epoch recorded already.
     */
    private void createNewLogs(MetadataImage image) {
        List<LogManager.NewLog> created = new ArrayList<>();
        for (TopicImage topic : image.topics().all()) {
            LogConfig config = null;
            for (Map.Entry<Integer, PartitionRegistration> p : topic.partitions().entrySet()) {
                TopicPartition tp = new TopicPartition(topic.name(), p.getKey());
                if (!hostsReplica(p.getValue()) || partitions.containsKey(tp) || offline.contains(tp)) continue;
                if (config == null) config = LogConfigs.from(configs.effectiveTopicConfig(topic.name()));
                int leaderEpoch = p.getValue().leader() == localBrokerId ? p.getValue().leaderEpoch() : -1;
                created.add(new LogManager.NewLog(tp, topic.id(), config, leaderEpoch));
            }
        }
        if (created.size() < 2) return; // one is made where it is reconciled
        try {
            logManager.createLogs(created);
        } catch (KafkaStorageException e) {
            LOG.error("Cannot create the logs of new partitions: {}", e.getMessage()); // each is tried again alone
        }
    }

    private void reconcile(TopicPartition tp, Uuid topicId, PartitionRegistration registration, int minIsr,
                           boolean configChanged, Map<String, ?> effective, LogConfig logConfig) {
        Partition existing = partitions.get(tp);
        if (existing != null && !existing.topicId().equals(topicId)) {
            // Same name, new topic: the old data must not show through.
            remove(tp);
            existing = null;
        }
        boolean created = existing == null;
        if (created) {
            LogConfig config = logConfig != null ? logConfig : LogConfigs.from(effective);
            PartitionLog log = logManager.getOrCreateLog(tp, topicId, config);
            existing = new Partition(new TopicIdPartition(topicId, tp), log, localBrokerId, durable, hwListener,
                    alterPartition);
            partitions.put(tp, existing);
        } else if (configChanged) {
            logManager.updateConfig(tp, logConfig);
        }
        Partition partition = existing;
        if (registration.leader() == localBrokerId) {
            boolean wasLeader = partition.isLeader();
            if (!wasLeader) {
                following.unfollow(tp); // no fetcher may write once this broker appends as leader
            }
            partition.makeLeader(registration, minIsr, System.currentTimeMillis());
            if (!wasLeader) {
                LOG.info("Leading {} in epoch {}", tp, registration.leaderEpoch());
                int epoch = registration.leaderEpoch();
                partition.whenLeaderEpochCommitted(() -> announceLeadership(partition, epoch));
            }
            return;
        }
        if (partition.makeFollower(registration)) {
            LOG.info("Stopped leading {}: leader {} in epoch {}", tp, registration.leader(),
                    registration.leaderEpoch());
            stopAnnouncing(tp);
        }
        if (registration.hasLeader()) {
            following.follow(partition, registration.leader(), registration.leaderEpoch());
        } else {
            following.unfollow(tp);
        }
    }

    private void remove(TopicPartition tp) {
        stopHosting(tp);
        logManager.deleteLog(tp);
    }

    /** Everything of {@link #remove} but deleting the log. */
    private void stopHosting(TopicPartition tp) {
        offline.remove(tp);
        Partition partition = partitions.remove(tp);
        following.unfollow(tp);
        if (partition != null) {
            partition.makeFollower(new PartitionRegistration(new int[0], new int[0], PartitionRegistration.NO_LEADER,
                    partition.leaderEpoch(), -1));
        }
        stopAnnouncing(tp);
    }

    /**
     * Tells the listeners once the new leader's epoch start is committed: inline when it already is (single
     * node, or the ISR is just this broker), else from the thread that advanced the high watermark, handed to
     * another thread so that this manager's lock is never taken on a network thread.
     */
    private void announceLeadership(Partition partition, int leaderEpoch) {
        if (Thread.holdsLock(this)) {
            announceIfStillLeading(partition, leaderEpoch);
        } else {
            ForkJoinPool.commonPool().execute(() -> {
                synchronized (this) {
                    announceIfStillLeading(partition, leaderEpoch);
                }
            });
        }
    }

    private void announceIfStillLeading(Partition partition, int leaderEpoch) {
        TopicPartition tp = partition.topicPartition();
        if (partitions.get(tp) == partition && partition.isLeader() && partition.leaderEpoch() == leaderEpoch
                && announced.add(tp)) {
            leadershipListeners.forEach(l -> l.onBecomeLeader(partition));
        }
    }

    private void stopAnnouncing(TopicPartition tp) {
        if (announced.remove(tp)) {
            leadershipListeners.forEach(l -> l.onStopLeading(tp));
        }
    }

    private boolean hostsReplica(PartitionRegistration registration) {
        for (int replica : registration.replicas()) {
            if (replica == localBrokerId) {
                return true;
            }
        }
        return false;
    }
}
