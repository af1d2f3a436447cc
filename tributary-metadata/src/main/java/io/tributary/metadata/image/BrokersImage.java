package io.tributary.metadata.image;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** All registered brokers, keyed by node id. */
public final class BrokersImage {

    public static final BrokersImage EMPTY = new BrokersImage(Map.of());

    private final Map<Integer, BrokerRegistration> brokers;

    public BrokersImage(Map<Integer, BrokerRegistration> brokers) {
        this.brokers = Map.copyOf(brokers);
    }

    public Collection<BrokerRegistration> all() {
        return brokers.values();
    }

    public Optional<BrokerRegistration> get(int id) {
        return Optional.ofNullable(brokers.get(id));
    }

    /** Brokers that may host replicas (registered and not fenced). */
    public long unfencedCount() {
        return brokers.values().stream().filter(b -> !b.fenced()).count();
    }

    /** True if the broker is registered, unfenced and not shutting down: it may lead and join ISRs. */
    public boolean isActive(int id) {
        BrokerRegistration broker = brokers.get(id);
        return broker != null && broker.isActive();
    }

    public Map<Integer, BrokerRegistration> asMap() {
        return brokers;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BrokersImage other && brokers.equals(other.brokers);
    }

    @Override
    public int hashCode() {
        return brokers.hashCode();
    }

    @Override
    public String toString() {
        return "BrokersImage" + brokers;
    }
}
