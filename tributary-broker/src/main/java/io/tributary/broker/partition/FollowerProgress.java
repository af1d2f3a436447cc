package io.tributary.broker.partition;

/**
 * What a leader knows of one in-sync follower, as a consumer's read-replica choice needs it (KIP-392).
 *
 * @param brokerId       the follower
 * @param logEndOffset   the offset it last fetched from
 * @param logStartOffset its log start as its last fetch said (-1 if unknown)
 * @param lastCaughtUpMs when it was last caught up with the leader's log end
 */
public record FollowerProgress(int brokerId, long logEndOffset, long logStartOffset, long lastCaughtUpMs) {
}
