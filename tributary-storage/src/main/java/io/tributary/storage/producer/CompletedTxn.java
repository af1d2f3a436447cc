package io.tributary.storage.producer;

import io.tributary.storage.segment.AbortedTxn;

/**
 * A transaction ended by a marker: data from firstOffset, marker at lastOffset, and the last stable offset right
 * after it ended (first offset of the next still-open transaction, else the offset after the marker).
 */
public record CompletedTxn(long producerId, long firstOffset, long lastOffset, boolean aborted,
                           long lastStableOffset) {

    /** Its entry in the segment's transaction index (meaningful for an aborted transaction). */
    public AbortedTxn toAbortedTxn() {
        return new AbortedTxn(producerId, firstOffset, lastOffset, lastStableOffset);
    }
}
