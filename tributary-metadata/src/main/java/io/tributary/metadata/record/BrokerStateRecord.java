package io.tributary.metadata.record;

/**
 * Fences/unfences a broker or marks its controlled shutdown. Ignored on replay when {@code brokerEpoch} is not
 * the broker's current epoch (the broker re-registered in between).
 */
public record BrokerStateRecord(int brokerId, long brokerEpoch, boolean fenced, boolean inControlledShutdown)
    implements MetadataRecord {
}
