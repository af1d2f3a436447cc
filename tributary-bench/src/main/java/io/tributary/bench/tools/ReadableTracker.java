package io.tributary.bench.tools;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link ReadableProbe} knows of each partition of a topic after a restart: whether Metadata names a leader,
 * the latest offset ListOffsets answered, and whether a fetch at the last offset returned that record. A partition
 * is readable once all three hold for its current latest offset (an empty partition needs no fetch); a new latest
 * offset asks for a new fetch.
 */
final class ReadableTracker {

    private static final long UNKNOWN = -1L;

    private final boolean[] leader;
    private final long[] latest;
    private final boolean[] fetched;

    ReadableTracker(int partitions) {
        leader = new boolean[partitions];
        latest = new long[partitions];
        fetched = new boolean[partitions];
        java.util.Arrays.fill(latest, UNKNOWN);
    }

    int partitions() {
        return leader.length;
    }

    void leader(int partition, boolean known) {
        leader[partition] = known;
    }

    boolean hasLeader(int partition) {
        return leader[partition];
    }

    boolean allLeadersKnown() {
        for (boolean known : leader) if (!known) return false;
        return true;
    }

    int leaderCount() {
        int count = 0;
        for (boolean known : leader) if (known) count++;
        return count;
    }

    int offsetCount() {
        int count = 0;
        for (long offset : latest) if (offset != UNKNOWN) count++;
        return count;
    }

    /** ListOffsets latest answered: a changed offset needs a new fetch of the last record. */
    void latest(int partition, long offset) {
        if (latest[partition] != offset) fetched[partition] = offset == 0;
        latest[partition] = offset;
    }

    long latest(int partition) {
        return latest[partition];
    }

    /** A fetch returned the record at offset; it proves the partition readable if it is the last one known. */
    void fetched(int partition, long offset) {
        if (latest[partition] != UNKNOWN && offset >= latest[partition] - 1) fetched[partition] = true;
    }

    /** Partitions with a leader whose latest offset is not known yet. */
    List<Integer> needOffsets() {
        List<Integer> result = new ArrayList<>();
        for (int p = 0; p < leader.length; p++) if (leader[p] && latest[p] == UNKNOWN) result.add(p);
        return result;
    }

    /** Partitions whose latest offset is known but whose last record was not fetched yet. */
    List<Integer> needFetch() {
        List<Integer> result = new ArrayList<>();
        for (int p = 0; p < leader.length; p++) if (latest[p] != UNKNOWN && !fetched[p]) result.add(p);
        return result;
    }

    boolean readable(int partition) {
        return leader[partition] && latest[partition] != UNKNOWN && fetched[partition];
    }

    int readableCount() {
        int count = 0;
        for (int p = 0; p < leader.length; p++) if (readable(p)) count++;
        return count;
    }

    boolean allReadable() {
        return readableCount() == leader.length;
    }

    /** The sum of the latest offsets known (the records of a topic that never lost its head). */
    long latestSum() {
        long sum = 0;
        for (long offset : latest) if (offset != UNKNOWN) sum += offset;
        return sum;
    }
}
