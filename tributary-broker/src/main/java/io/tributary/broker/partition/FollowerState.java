package io.tributary.broker.partition;

/**
 * What the leader knows of one follower: the offset it fetches from (its log end), its log start, its broker
 * epoch, when it was last caught up with the leader's log end (Kafka's lastCaughtUpTime, the ISR shrink criterion),
 * and the last high watermark sent to it (a parked fetch of its is answered as soon as there is a newer one, so
 * that consumers reading from it are only a round trip behind the leader).
 */
final class FollowerState {

    /** Log end of a follower that has not fetched in this leadership yet. */
    static final long UNKNOWN_OFFSET = -1L;

    private final int brokerId;
    private long logEndOffset = UNKNOWN_OFFSET;
    private long brokerEpoch = -1L;
    private long lastCaughtUpMs;
    private long lastFetchMs;
    private long leaderEndAtLastFetch = UNKNOWN_OFFSET;
    private long logStartOffset = UNKNOWN_OFFSET;
    private long highWatermarkSent = UNKNOWN_OFFSET;

    FollowerState(int brokerId, long nowMs) {
        this.brokerId = brokerId;
        // A new leader gives every follower a full lag period before it may be dropped from the ISR.
        this.lastCaughtUpMs = nowMs;
    }

    int brokerId() {
        return brokerId;
    }

    synchronized long logEndOffset() {
        return logEndOffset;
    }

    synchronized long logStartOffset() {
        return logStartOffset;
    }

    synchronized long highWatermarkSent() {
        return highWatermarkSent;
    }

    /** A fetch answer told the follower {@code highWatermark} (answers may complete out of order: kept max). */
    synchronized void onHighWatermarkSent(long highWatermark) {
        highWatermarkSent = Math.max(highWatermarkSent, highWatermark);
    }

    synchronized long brokerEpoch() {
        return brokerEpoch;
    }

    synchronized long lastCaughtUpMs() {
        return lastCaughtUpMs;
    }

    /**
     * Records a fetch at {@code fetchOffset}. The follower is caught up now if it asked for the leader's current
     * log end; it was caught up at its previous fetch if it now asks for what was the log end back then.
     */
    synchronized void onFetch(long fetchOffset, long followerLogStart, long followerBrokerEpoch, long leaderEnd,
                              long nowMs) {
        if (fetchOffset >= leaderEnd) {
            lastCaughtUpMs = Math.max(lastCaughtUpMs, nowMs);
        } else if (leaderEndAtLastFetch != UNKNOWN_OFFSET && fetchOffset >= leaderEndAtLastFetch) {
            lastCaughtUpMs = Math.max(lastCaughtUpMs, lastFetchMs);
        }
        logEndOffset = fetchOffset;
        logStartOffset = followerLogStart;
        brokerEpoch = followerBrokerEpoch;
        leaderEndAtLastFetch = leaderEnd;
        lastFetchMs = nowMs;
    }
}
