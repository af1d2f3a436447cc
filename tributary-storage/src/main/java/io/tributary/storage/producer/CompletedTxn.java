package io.tributary.storage.producer;

/**
 * A transaction ended by a marker: data from firstOffset, marker at lastOffset, and the last stable offset right
 * after it ended (first offset of the next still-open transaction, else the offset after the marker).
 */
public record CompletedTxn(long producerId, long firstOffset, long lastOffset, boolean aborted,
                           long lastStableOffset) {
}
