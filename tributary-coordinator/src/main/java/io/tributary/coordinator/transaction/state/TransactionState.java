package io.tributary.coordinator.transaction.state;

import java.util.Optional;

/** A transactional id's state, spelled as Kafka's DescribeTransactions and ListTransactions report it. */
public enum TransactionState {
    EMPTY(0, "Empty"),
    ONGOING(1, "Ongoing"),
    PREPARE_COMMIT(2, "PrepareCommit"),
    PREPARE_ABORT(3, "PrepareAbort"),
    COMPLETE_COMMIT(4, "CompleteCommit"),
    COMPLETE_ABORT(5, "CompleteAbort"),
    DEAD(6, "Dead"),
    PREPARE_EPOCH_FENCE(7, "PrepareEpochFence");

    private final short id;
    private final String displayName;

    TransactionState(int id, String displayName) {
        this.id = (short) id;
        this.displayName = displayName;
    }

    public short id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    /** Markers are being written: the transaction can't be changed until they are. */
    public boolean isPreparing() {
        return this == PREPARE_COMMIT || this == PREPARE_ABORT || this == PREPARE_EPOCH_FENCE;
    }

    /** No transaction in progress: a new one may start, or the id may expire. */
    public boolean isIdle() {
        return this == EMPTY || this == COMPLETE_COMMIT || this == COMPLETE_ABORT;
    }

    public static TransactionState fromId(short id) {
        for (TransactionState state : values()) {
            if (state.id == id) {
                return state;
            }
        }
        throw new IllegalArgumentException("Unknown transaction state " + id);
    }

    public static Optional<TransactionState> fromDisplayName(String name) {
        for (TransactionState state : values()) {
            if (state.displayName.equals(name)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
