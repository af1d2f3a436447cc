package io.tributary.metadata.image;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * A registered broker and the endpoints clients reach it on.
 *
 * @param epoch                the broker epoch: offset of the batch holding its registration (-1 if unknown)
 * @param incarnationId        random per broker process start; {@link Uuid#ZERO_UUID} for old registrations
 * @param fenced               fenced brokers lead nothing and are in no ISR (except as a partition's last member)
 * @param inControlledShutdown the broker asked to shut down; it is not eligible as a leader any more
 */
public record BrokerRegistration(int id, long epoch, Uuid incarnationId, List<Listener> endpoints, String rack,
                                 boolean fenced, boolean inControlledShutdown) {

    public BrokerRegistration {
        endpoints = List.copyOf(endpoints);
        incarnationId = incarnationId == null ? Uuid.ZERO_UUID : incarnationId;
    }

    public BrokerRegistration(int id, List<Listener> endpoints, String rack, boolean fenced) {
        this(id, -1L, Uuid.ZERO_UUID, endpoints, rack, fenced, false);
    }

    /** True if the broker may lead partitions and join ISRs. */
    public boolean isActive() {
        return !fenced && !inControlledShutdown;
    }

    public BrokerRegistration withState(boolean newFenced, boolean newInControlledShutdown) {
        return new BrokerRegistration(id, epoch, incarnationId, endpoints, rack, newFenced, newInControlledShutdown);
    }

    /** One advertised endpoint of a broker. */
    public record Listener(String name, String host, int port, SecurityProtocol securityProtocol) {
        public Listener {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(securityProtocol, "securityProtocol");
        }
    }

    public Optional<Listener> endpoint(String listenerName) {
        return endpoints.stream().filter(l -> l.name().equals(listenerName)).findFirst();
    }
}
