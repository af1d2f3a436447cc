package io.tributary.broker.simulation;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntPredicate;

import io.tributary.metadata.image.MetadataDelta;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.image.PartitionRegistration;
import io.tributary.metadata.image.TopicImage;
import io.tributary.metadata.log.MetadataBatch;
import io.tributary.metadata.record.LeaderChangeRecord;

/**
 * What the simulation measures, in simulated milliseconds: how long a committed batch takes to reach every live
 * broker; how long after a broker fails every partition it led has another leader (committed, then on every live
 * broker); how long after the active controller fails a new one is active.
 */
final class Measurements implements CommittedLog.Observer, SimBroker.AppliedListener {

    /** A broker failure being followed: the partitions it led when it failed. */
    static final class BrokerFailure {
        final int brokerId;
        final String kind;
        final long failedAtMs;
        final Set<PartitionKey> led;
        long movedAtMs = -1;
        int movedAtIndex = -1;
        long everywhereAtMs = -1;
        BitSet waitingBrokers;

        BrokerFailure(int brokerId, String kind, long failedAtMs, Set<PartitionKey> led) {
            this.brokerId = brokerId;
            this.kind = kind;
            this.failedAtMs = failedAtMs;
            this.led = led;
        }
    }

    /** A controller failover: crash of the active one, and when the next one committed its activation. */
    record ControllerFailover(long crashedAtMs, long activeAtMs) {
    }

    private final EventLoop loop;
    private final IntPredicate brokerUp;
    private final int brokerCount;
    private final TreeMap<Integer, BitSet> propagationPending = new TreeMap<>();
    private final List<Long> propagationMs = new ArrayList<>();
    private final List<BrokerFailure> failures = new ArrayList<>();
    private final List<ControllerFailover> controllerFailovers = new ArrayList<>();
    private long activeControllerCrashedAtMs = -1;
    private final CommittedLog committed;

    Measurements(EventLoop loop, CommittedLog committed, int brokerCount, IntPredicate brokerUp) {
        this.loop = loop;
        this.committed = committed;
        this.brokerCount = brokerCount;
        this.brokerUp = brokerUp;
    }

    List<Long> propagationMs() {
        return propagationMs;
    }

    List<BrokerFailure> failures() {
        return failures;
    }

    List<ControllerFailover> controllerFailovers() {
        return controllerFailovers;
    }

    /** The active controller just crashed (ignored if an earlier crash is still waiting for a successor). */
    void activeControllerCrashed() {
        if (activeControllerCrashedAtMs < 0) {
            activeControllerCrashedAtMs = loop.now();
        }
    }

    /** Broker {@code brokerId} just failed: follow the partitions it led in the latest committed image. */
    void brokerFailed(int brokerId, String kind) {
        MetadataImage image = committed.latest();
        Set<PartitionKey> led = new HashSet<>();
        for (TopicImage topic : image.topics().all()) {
            topic.partitions().forEach((i, p) -> {
                if (p.leader() == brokerId) {
                    led.add(new PartitionKey(topic.id(), i));
                }
            });
        }
        if (!led.isEmpty()) {
            failures.add(new BrokerFailure(brokerId, kind, loop.now(), led));
        }
    }

    @Override
    public void onCommitted(int index, MetadataBatch batch, MetadataDelta delta, MetadataImage after) {
        BitSet waiting = new BitSet(brokerCount);
        for (int b = 0; b < brokerCount; b++) {
            if (brokerUp.test(b)) {
                waiting.set(b);
            }
        }
        if (!waiting.isEmpty()) {
            propagationPending.put(index, waiting);
        }
        if (activeControllerCrashedAtMs >= 0 && batch.records().get(0) instanceof LeaderChangeRecord) {
            controllerFailovers.add(new ControllerFailover(activeControllerCrashedAtMs, loop.now()));
            activeControllerCrashedAtMs = -1;
        }
        if (delta.changedPartitions().isEmpty()) {
            return;
        }
        for (BrokerFailure failure : failures) {
            if (failure.movedAtMs < 0 && noneLedBy(after, failure)) {
                failure.movedAtMs = loop.now();
                failure.movedAtIndex = index;
                failure.waitingBrokers = (BitSet) waiting.clone();
            }
        }
    }

    private static boolean noneLedBy(MetadataImage image, BrokerFailure failure) {
        for (PartitionKey key : failure.led) {
            PartitionRegistration p = image.topics().get(key.topicId())
                .flatMap(t -> t.partition(key.partition())).orElse(null);
            if (p != null && p.leader() == failure.brokerId) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void onApplied(int brokerId, int index) {
        BitSet waiting = propagationPending.get(index);
        if (waiting != null) {
            waiting.clear(brokerId);
            if (waiting.isEmpty()) {
                propagationPending.remove(index);
                propagationMs.add(loop.now() - committed.commitTimeMs(index));
            }
        }
        for (BrokerFailure failure : failures) {
            if (failure.waitingBrokers != null && failure.everywhereAtMs < 0 && index >= failure.movedAtIndex) {
                failure.waitingBrokers.clear(brokerId);
                if (failure.waitingBrokers.isEmpty()) {
                    failure.everywhereAtMs = loop.now();
                }
            }
        }
    }

    /** A broker crashed: nothing waits for it any more. */
    void brokerDown(int brokerId) {
        Iterator<Map.Entry<Integer, BitSet>> it = propagationPending.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Integer, BitSet> entry = it.next();
            entry.getValue().clear(brokerId);
            if (entry.getValue().isEmpty()) {
                // Its last missing broker died: not a propagation time.
                it.remove();
            }
        }
        for (BrokerFailure failure : failures) {
            if (failure.waitingBrokers != null && failure.everywhereAtMs < 0) {
                failure.waitingBrokers.clear(brokerId);
                if (failure.waitingBrokers.isEmpty()) {
                    failure.everywhereAtMs = loop.now();
                }
            }
        }
    }

    /** The lowest batch index some live broker still has to apply (images below it can go). */
    int lowestPendingIndex() {
        return propagationPending.isEmpty() ? committed.size() : propagationPending.firstKey();
    }

    static long percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int at = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(at, sorted.size() - 1)));
    }
}
