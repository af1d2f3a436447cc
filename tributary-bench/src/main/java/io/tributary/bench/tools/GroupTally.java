package io.tributary.bench.tools;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one consumer group of {@link FanOutConsumers} read: records and bytes, and per partition the next offset it
 * expects, so that a record read twice, a skipped one or one past the end the group was given is a problem. The
 * group is complete when every partition was read up to its end offset. Used by its group's thread only, until
 * the thread has finished.
 */
final class GroupTally {

    private static final int MAX_PROBLEMS_KEPT = 5;

    private final String group;
    private final Map<Integer, Long> endOffsets;
    private final Map<Integer, Long> nextOffsets = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private long problemCount;
    private long records;
    private long bytes;
    private int partitionsDone;
    private long finishedNanos = -1;

    /** @param endOffsets the topic's end offset by partition (the topic is read from offset 0 of each) */
    GroupTally(String group, Map<Integer, Long> endOffsets) {
        this.group = group;
        this.endOffsets = Map.copyOf(endOffsets);
        for (Map.Entry<Integer, Long> end : this.endOffsets.entrySet()) {
            nextOffsets.put(end.getKey(), 0L);
            if (end.getValue() == 0) partitionsDone++;
        }
    }

    void onRecord(int partition, long offset, long size) {
        Long next = nextOffsets.get(partition);
        if (next == null) {
            problem("record of unknown partition " + partition);
            return;
        }
        records++;
        bytes += size;
        if (offset < next) {
            problem("partition " + partition + " offset " + offset + " read again (expected " + next + ")");
            return;
        }
        if (offset > next) problem("partition " + partition + " offsets " + next + ".." + (offset - 1) + " skipped");
        long end = endOffsets.get(partition);
        if (offset >= end) problem("partition " + partition + " offset " + offset + " past the end " + end);
        if (next < end && offset + 1 >= end) partitionsDone++;
        nextOffsets.put(partition, offset + 1);
    }

    void failed(Throwable failure) {
        problem("failed: " + failure);
    }

    private void problem(String description) {
        if (problemCount++ < MAX_PROBLEMS_KEPT) problems.add(description);
    }

    /** Every partition read up to its end. */
    boolean complete() {
        return partitionsDone == endOffsets.size();
    }

    void finished(long nanos) {
        finishedNanos = nanos;
    }

    long finishedNanos() {
        return finishedNanos;
    }

    long records() {
        return records;
    }

    long bytes() {
        return bytes;
    }

    /** Why this group's read is not exactly the topic once, or null when it is. */
    String verdict(long expectedRecords) {
        List<String> reasons = new ArrayList<>(problems);
        if (problemCount > problems.size()) reasons.add("and " + (problemCount - problems.size()) + " more");
        if (!complete()) reasons.add("did not reach the end of every partition");
        if (records != expectedRecords) reasons.add("read " + records + " records, expected " + expectedRecords);
        return reasons.isEmpty() ? null : group + ": " + String.join("; ", reasons);
    }
}
