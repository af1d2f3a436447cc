package io.tributary.coordinator.transaction;

/** Hands out producer ids never used before (the broker's durable allocator). */
@FunctionalInterface
public interface ProducerIdGenerator {

    long nextProducerId();
}
