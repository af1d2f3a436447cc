package io.tributary.metadata;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.kafka.common.security.auth.SecurityProtocol;

/** A registered broker and the endpoints clients reach it on. */
public record BrokerRegistration(int id, List<Listener> endpoints, String rack, boolean fenced) {

    public BrokerRegistration {
        endpoints = List.copyOf(endpoints);
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
