package io.tributary.coordinator.group.consumer;

/** Where a member is in reconciling towards its target assignment. */
public enum MemberState {
    /** It owns its target partitions at the assignment epoch. */
    STABLE((byte) 0),
    /** It must revoke partitions before it may move to the next epoch. */
    UNREVOKED_PARTITIONS((byte) 1),
    /** It is at the assignment epoch but waits for partitions other members still own. */
    UNRELEASED_PARTITIONS((byte) 2);

    private final byte id;

    MemberState(byte id) {
        this.id = id;
    }

    public byte id() {
        return id;
    }

    public static MemberState fromId(byte id) {
        for (MemberState state : values()) {
            if (state.id == id) {
                return state;
            }
        }
        throw new IllegalArgumentException("Unknown member state " + id);
    }
}
