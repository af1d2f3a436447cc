package io.tributary.coordinator.share;

/**
 * The states of a record of a share-partition, with the ids Kafka persists (ReadShareGroupState: 0 available,
 * 2 acknowledged, 4 archived; 1 acquired is never persisted: a lock does not outlive its leader).
 */
public enum DeliveryState {
    AVAILABLE((byte) 0),
    ACQUIRED((byte) 1),
    ACKNOWLEDGED((byte) 2),
    ARCHIVED((byte) 4);

    private final byte id;

    DeliveryState(byte id) {
        this.id = id;
    }

    public byte id() {
        return id;
    }

    /** Acknowledged and archived records are never delivered again. */
    public boolean isTerminal() {
        return this == ACKNOWLEDGED || this == ARCHIVED;
    }

    public static DeliveryState fromId(byte id) {
        for (DeliveryState state : values()) {
            if (state.id == id) {
                return state;
            }
        }
        throw new IllegalArgumentException("Unknown delivery state " + id);
    }
}
