package io.tributary.metadata.record;

/** A block of producer ids was handed to a broker; ids below {@code nextProducerId} are taken. */
public record ProducerIdsRecord(int brokerId, long brokerEpoch, long nextProducerId) implements MetadataRecord {
}
