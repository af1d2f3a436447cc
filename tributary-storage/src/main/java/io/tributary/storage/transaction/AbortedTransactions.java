package io.tributary.storage.transaction;

import io.tributary.storage.segment.LogSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.apache.kafka.common.message.FetchResponseData.AbortedTransaction;

/** Looks up, across segments' transaction indexes, the aborted transactions a read_committed fetch must carry. */
public final class AbortedTransactions {

    private AbortedTransactions() {
    }

    /**
     * Transactions overlapping [fetchOffset, upperBoundOffset). An abort's entry lives in the segment of its
     * marker, at or after the segment holding fetchOffset; the walk stops once an entry's last stable offset
     * reaches the bound, since every transaction starting before the bound had ended by then.
     */
    public static List<AbortedTransaction> overlapping(NavigableMap<Long, LogSegment> segments, long fetchOffset,
                                                       long upperBoundOffset) {
        List<AbortedTransaction> result = new ArrayList<>();
        if (fetchOffset >= upperBoundOffset) return result;
        Long from = segments.floorKey(fetchOffset);
        for (Map.Entry<Long, LogSegment> e : (from == null ? segments : segments.tailMap(from, true)).entrySet()) {
            if (e.getValue().txnIndex().collect(fetchOffset, upperBoundOffset, result)) break;
        }
        return result;
    }
}
