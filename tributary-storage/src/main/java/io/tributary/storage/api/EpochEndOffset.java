package io.tributary.storage.api;

/** OffsetForLeaderEpoch answer; (-1, -1) when the epoch is unknown. */
public record EpochEndOffset(int leaderEpoch, long endOffset) {

    public static final EpochEndOffset UNDEFINED = new EpochEndOffset(-1, -1L);
}
