package io.tributary.coordinator.share;

/** A run of records past the start offset sharing one persisted state and delivery count. */
public record StateBatch(long firstOffset, long lastOffset, DeliveryState state, short deliveryCount) {
}
