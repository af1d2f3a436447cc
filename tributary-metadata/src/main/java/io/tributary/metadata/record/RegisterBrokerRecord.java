package io.tributary.metadata.record;

import java.util.List;

import org.apache.kafka.common.Uuid;

import io.tributary.metadata.image.BrokerRegistration;

/**
 * Registers (or re-registers, replacing) a broker and its endpoints. The broker epoch is not stored: it is the
 * offset this record is committed at, so every node derives the same value. Version 0 had no incarnation id.
 */
public record RegisterBrokerRecord(int brokerId, Uuid incarnationId, List<BrokerRegistration.Listener> endpoints,
                                   String rack, boolean fenced) implements MetadataRecord {

    public RegisterBrokerRecord {
        endpoints = List.copyOf(endpoints);
        incarnationId = incarnationId == null ? Uuid.ZERO_UUID : incarnationId;
    }

    /** A registration without incarnation (what version 0 of the record held). */
    public RegisterBrokerRecord(int brokerId, List<BrokerRegistration.Listener> endpoints, String rack, boolean fenced) {
        this(brokerId, Uuid.ZERO_UUID, endpoints, rack, fenced);
    }

    public BrokerRegistration toRegistration(long brokerEpoch) {
        return new BrokerRegistration(brokerId, brokerEpoch, incarnationId, endpoints, rack, fenced, false);
    }
}
