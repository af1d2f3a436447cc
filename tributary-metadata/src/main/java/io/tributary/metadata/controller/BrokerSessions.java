package io.tributary.metadata.controller;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;

/**
 * When the active controller last heard from each broker. Kept in memory only: a new active controller starts
 * every broker with a full session. Used on the controller thread only.
 */
public final class BrokerSessions {

    private final long sessionTimeoutMs;
    private final Map<Integer, Long> lastContactMs = new HashMap<>();

    public BrokerSessions(long sessionTimeoutMs) {
        this.sessionTimeoutMs = sessionTimeoutMs;
    }

    public void touch(int brokerId, long nowMs) {
        lastContactMs.put(brokerId, nowMs);
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
