package io.tributary.broker.simulation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.message.AlterPartitionRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AlterPartitionRequest;
import org.apache.kafka.common.security.auth.SecurityProtocol;

import io.tributary.broker.controller.BrokerLifecycle;
import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.metadata.log.MetadataBatch;
import io.tributary.metadata.record.BrokerStateRecord;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.metadata.replay.MetadataReplayer;

/**
 * A broker of the simulation. Its membership is the real {@link BrokerLifecycle} (registration, heartbeats with
 * the applied metadata offset, re-registration), on a simulated thread and channel. Its metadata follows the
 * committed log in order (batches pushed by the quorum leader). As a partition leader it asks the controller,
 * with real AlterPartition requests, to add back to the ISR each follower that is active in its image and has
 * been for {@code catchUpMs} (the modelled replica fetcher: no data moves in the simulation).
 */
final class SimBroker implements SimQuorum.Follower {

    /** Told when a broker's image reaches a batch. */
    interface AppliedListener {
        void onApplied(int brokerId, int index);
    }

    private static final long RETRY_BACKOFF_MS = 1000;

    private final int id;
    private final String clusterId;
    private final EventLoop loop;
    private final SimNetwork network;
    private final CommittedLog committed;
    private final UnderReplicatedIndex underReplicated;
    private final ControllerRouter router;
    private final AppliedListener appliedListener;
    private final long heartbeatIntervalMs;
    private final long catchUpMs;

    private boolean up;
    private SimExecutor thread;
    private BrokerLifecycle lifecycle;
    private SimControllerChannel channel;
    // The broker's metadata log is durable: a restarted broker keeps what it had applied.
    private int appliedIndex = -1;
    private MetadataImage image;
    private final Map<Integer, Long> activeSince = new HashMap<>();
    private final Map<Integer, Long> activeEpoch = new HashMap<>();
    private final Set<PartitionKey> isrRequestsInFlight = new HashSet<>();

    SimBroker(int id, String clusterId, EventLoop loop, SimNetwork network, CommittedLog committed,
              UnderReplicatedIndex underReplicated, ControllerRouter router, AppliedListener appliedListener,
              long heartbeatIntervalMs, long catchUpMs) {
        this.id = id;
        this.clusterId = clusterId;
        this.loop = loop;
        this.network = network;
        this.committed = committed;
        this.underReplicated = underReplicated;
        this.router = router;
        this.appliedListener = appliedListener;
        this.heartbeatIntervalMs = heartbeatIntervalMs;
        this.catchUpMs = catchUpMs;
        this.image = committed.imageAfter(-1);
    }

    @Override
    public int nodeId() {
        return id;
    }

    boolean isUp() {
        return up;
    }

    /** The broker epoch the current process registered with, or -1 (down, or not registered yet). */
    long registeredEpoch() {
        return up && lifecycle != null ? lifecycle.brokerEpoch() : -1;
    }

    int appliedIndex() {
        return appliedIndex;
    }

    MetadataImage image() {
        return image;
    }

    void start() {
        network.start(id);
        up = true;
        thread = new SimExecutor(loop, false);
        channel = new SimControllerChannel(id, loop, network, router);
        lifecycle = new BrokerLifecycle(new BrokerLifecycle.Registration(id, clusterId, null,
            List.of(new BrokerRegistration.Listener("PLAINTEXT", "broker-" + id, 9092, SecurityProtocol.PLAINTEXT)),
            List.of(BrokerLifecycle.METADATA_VERSION)), channel, () -> image.offset(), thread, heartbeatIntervalMs);
        activeSince.clear();
        activeEpoch.clear();
        isrRequestsInFlight.clear();
        lifecycle.start();
        thread.execute(this::noteActiveBrokers);
    }

    /** The process dies: no more heartbeats, its scheduled work and messages in flight are gone. */
    void crash() {
        up = false;
        network.crash(id);
        thread.kill();
        lifecycle = null;
    }

    @Override
    public void deliverUpTo(int index) {
        if (!up) {
            return;
        }
        boolean advanced = false;
        boolean brokersChanged = appliedIndex < 0;
        while (appliedIndex < index) {
            int next = appliedIndex + 1;
            MetadataImage after = committed.imageAfter(next);
            if (after == null) {
                // Released by the shared log: replay this batch here, as any broker does.
                MetadataBatch batch = committed.batch(next);
                MetadataReplayer replayer = new MetadataReplayer(image);
                batch.records().forEach(r -> replayer.replay(r, batch.lastOffset()));
                after = replayer.build(batch.lastOffset());
            }
            brokersChanged |= committed.batch(next).records().stream()
                .anyMatch(r -> r instanceof RegisterBrokerRecord || r instanceof BrokerStateRecord);
            image = after;
            appliedIndex = next;
            appliedListener.onApplied(id, next);
            advanced = true;
        }
        if (advanced) {
            if (brokersChanged) {
                noteActiveBrokers();
            }
            expandIsrs();
        }
    }

    private void noteActiveBrokers() {
        List<BrokerRegistration> brokers = new ArrayList<>(image.brokers().all());
        brokers.sort(Comparator.comparingInt(BrokerRegistration::id));
        for (BrokerRegistration broker : brokers) {
            if (broker.isActive()) {
                Long epoch = activeEpoch.get(broker.id());
                if (epoch == null || epoch != broker.epoch()) {
                    activeEpoch.put(broker.id(), broker.epoch());
                    activeSince.put(broker.id(), loop.now());
                    // Check again once that follower has had time to catch up.
                    thread.schedule(this::expandIsrs, catchUpMs, TimeUnit.MILLISECONDS);
                }
            } else {
                activeEpoch.remove(broker.id());
                activeSince.remove(broker.id());
            }
        }
    }

    private boolean caughtUp(int follower) {
        Long since = activeSince.get(follower);
        return since != null && loop.now() - since >= catchUpMs && network.isUp(follower);
    }

    /** For each partition led here whose ISR lacks a caught-up replica: one AlterPartition (as Partition does). */
    private void expandIsrs() {
        if (!up || lifecycle == null || lifecycle.brokerEpoch() < 0 || !image.brokers().isActive(id)) {
            return;
        }
        List<PartitionKey> candidates = new ArrayList<>(underReplicated.ledBy(id));
        // Sorted by name, not by the random topic ids: the order of sends draws from the seeded network.
        candidates.sort(Comparator.comparing((PartitionKey k) -> image.topics().get(k.topicId())
            .map(TopicImage::name).orElse("")).thenComparingInt(PartitionKey::partition));
        for (PartitionKey key : candidates) {
            if (isrRequestsInFlight.contains(key)) {
                continue;
            }
            Optional<PartitionRegistration> found = image.topics().get(key.topicId())
                .flatMap(t -> t.partition(key.partition()));
            if (found.isEmpty() || found.get().leader() != id) {
                continue;
            }
            PartitionRegistration p = found.get();
            List<AlterPartitionRequestData.BrokerState> newIsr = new ArrayList<>();
            boolean grows = false;
            for (int replica : p.replicas()) {
                boolean member = p.isInIsr(replica);
                if (member || caughtUp(replica)) {
                    grows |= !member;
                    newIsr.add(new AlterPartitionRequestData.BrokerState().setBrokerId(replica)
                        .setBrokerEpoch(activeEpoch.getOrDefault(replica, -1L)));
                }
            }
            if (grows) {
                sendAlterPartition(key, p, newIsr);
            }
        }
    }

    private void sendAlterPartition(PartitionKey key, PartitionRegistration p,
                                    List<AlterPartitionRequestData.BrokerState> newIsr) {
        AlterPartitionRequestData data = new AlterPartitionRequestData().setBrokerId(id)
            .setBrokerEpoch(lifecycle.brokerEpoch());
        AlterPartitionRequestData.TopicData topic = new AlterPartitionRequestData.TopicData().setTopicId(key.topicId());
        topic.partitions().add(new AlterPartitionRequestData.PartitionData().setPartitionIndex(key.partition())
            .setLeaderEpoch(p.leaderEpoch()).setPartitionEpoch(p.partitionEpoch()).setNewIsrWithEpochs(newIsr));
        data.topics().add(topic);
        isrRequestsInFlight.add(key);
        SimControllerChannel sentOn = channel;
        sentOn.send(new AlterPartitionRequest.Builder(data).build(ApiKeys.ALTER_PARTITION.latestVersion()),
                heartbeatIntervalMs * 5)
            .whenComplete((response, error) -> {
                if (channel == sentOn && up) {
                    thread.execute(() -> isrRequestsInFlight.remove(key));
                    // Refused (stale epochs) or lost: look again later, from the image as it will be then.
                    thread.schedule(this::expandIsrs, RETRY_BACKOFF_MS, TimeUnit.MILLISECONDS);
                }
            });
    }
}
