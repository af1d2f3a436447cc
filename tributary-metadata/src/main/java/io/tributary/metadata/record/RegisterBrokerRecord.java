package io.tributary.metadata.record;

import java.util.List;

import org.apache.kafka.common.Uuid;

import io.tributary.metadata.image.BrokerRegistration;

/**
 * Registers (or re-registers, replacing) a broker and its endpoints. In the log the broker epoch is not stored
 * ({@code brokerEpoch} -1): it is the offset this record is committed at, so every node derives the same value. A
 * snapshot stores it (version 2), since there the record no longer sits at that offset. Version 0 had no
 * incarnation id.
 */
public record RegisterBrokerRecord(int brokerId, Uuid incarnationId, List<BrokerRegistration.Listener> endpoints,
                                   String rack, boolean fenced, long brokerEpoch) implements MetadataRecord {

    public RegisterBrokerRecord {
        endpoints = List.copyOf(endpoints);
        incarnationId = incarnationId == null ? Uuid.ZERO_UUID : incarnationId;
    }

    /** A registration as the log holds it: its epoch is the offset it is committed at. */
    public RegisterBrokerRecord(int brokerId, Uuid incarnationId, List<BrokerRegistration.Listener> endpoints,
                                String rack, boolean fenced) {
        this(brokerId, incarnationId, endpoints, rack, fenced, -1L);
    }

    /** A registration without incarnation (what version 0 of the record held). */
    public RegisterBrokerRecord(int brokerId, List<BrokerRegistration.Listener> endpoints, String rack, boolean fenced) {
        this(brokerId, Uuid.ZERO_UUID, endpoints, rack, fenced);
    }

    /** The registration; its epoch is the stored one if any, else {@code batchOffset}. */
    public BrokerRegistration toRegistration(long batchOffset) {
        long epoch = brokerEpoch >= 0 ? brokerEpoch : batchOffset;
        return new BrokerRegistration(brokerId, epoch, incarnationId, endpoints, rack, fenced, false);
    }
}
