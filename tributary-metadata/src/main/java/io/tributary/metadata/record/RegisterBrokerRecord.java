package io.tributary.metadata.record;

import java.util.List;

import io.tributary.metadata.BrokerRegistration;

/** Registers (or re-registers, replacing) a broker and its endpoints. */
public record RegisterBrokerRecord(int brokerId, List<BrokerRegistration.Listener> endpoints, String rack, boolean fenced)
    implements MetadataRecord {

    public RegisterBrokerRecord {
        endpoints = List.copyOf(endpoints);
    }

    public BrokerRegistration toRegistration() {
        return new BrokerRegistration(brokerId, endpoints, rack, fenced);
    }
}
