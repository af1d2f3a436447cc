package io.tributary.broker.share;

import io.tributary.coordinator.share.DeliveryState;

/** One record past the share-partition start offset: its state, deliveries so far and, while acquired, its holder. */
final class InFlightRecord {

    DeliveryState state;
    short deliveryCount;
    String memberId;
    /** Which acquisition (and so which lock timer) holds it; a renewal or re-acquisition makes a new one. */
    long acquisitionId;

    InFlightRecord(DeliveryState state, short deliveryCount) {
        this.state = state;
        this.deliveryCount = deliveryCount;
    }
}
