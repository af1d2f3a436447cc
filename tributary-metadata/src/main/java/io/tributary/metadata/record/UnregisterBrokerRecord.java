package io.tributary.metadata.record;

/**
 * Removes a broker's registration (UnregisterBroker, {@code kafka-cluster unregister}): a decommissioned broker no
 * longer appears anywhere. Ignored on replay when {@code brokerEpoch} is not the broker's current epoch.
 */
public record UnregisterBrokerRecord(int brokerId, long brokerEpoch) implements MetadataRecord {
}
