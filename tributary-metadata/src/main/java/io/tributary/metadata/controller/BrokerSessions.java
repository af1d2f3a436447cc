package io.tributary.metadata.controller;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;

/**
 * When the active controller last heard from each broker. Kept in memory only: a new active controller starts
 * every broker with a full session. Used on the controller thread, except {@link #heard}, which any thread may
 * call.
 */
public final class BrokerSessions {

    private final long sessionTimeoutMs;
    private final Map<Integer, Long> lastContactMs = new ConcurrentHashMap<>();

    public BrokerSessions(long sessionTimeoutMs) {
        this.sessionTimeoutMs = sessionTimeoutMs;
    }

    public void touch(int brokerId, long nowMs) {
        lastContactMs.merge(brokerId, nowMs, Math::max);
    }

    /**
     * A heartbeat of the broker's current registration arrived, on the thread that received it: the session counts
     * from its arrival, not from when the controller thread gets to it, as Kafka's BrokerHeartbeatTracker does.
     * A long operation on the controller thread (one that waits until a topic of 10,000 partitions is applied,
     * logs created) then no longer fences the brokers whose heartbeats queued up behind it. A heartbeat of another
     * epoch (an old incarnation) does not count.
     */
    public void heard(MetadataImage image, int brokerId, long brokerEpoch, long nowMs) {
        if (image.brokers().get(brokerId).map(b -> b.epoch() == brokerEpoch).orElse(false)) {
            touch(brokerId, nowMs);
        }
    }

    public void resetAll(MetadataImage image, long nowMs) {
        lastContactMs.clear();
        image.brokers().all().forEach(b -> lastContactMs.put(b.id(), nowMs));
    }

    /** Unfenced brokers whose session ran out. */
    public List<Integer> expired(MetadataImage image, long nowMs) {
        List<Integer> expired = new ArrayList<>();
        for (BrokerRegistration broker : image.brokers().all()) {
            if (broker.fenced()) {
                continue;
            }
            long last = lastContactMs.computeIfAbsent(broker.id(), id -> nowMs);
            if (nowMs - last > sessionTimeoutMs) {
                expired.add(broker.id());
            }
        }
        return expired;
    }
}
