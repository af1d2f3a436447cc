package io.tributary.storage.segment;

/**
 * One entry of a segment's transaction index: an aborted transaction of producerId spanning
 * [firstOffset, lastOffset] (lastOffset is the ABORT marker), and the last stable offset once it was aborted.
 */
public record AbortedTxn(long producerId, long firstOffset, long lastOffset, long lastStableOffset) {
}
