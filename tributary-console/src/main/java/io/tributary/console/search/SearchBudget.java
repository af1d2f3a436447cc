package io.tributary.console.search;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * What a search may still spend (matches, bytes, time) and what it has spent; the first limit reached stops it and
 * is its reason. One search, one thread: not thread-safe.
 */
public final class SearchBudget {

    private final long maxMatches;
    private final long maxBytes;
    private final long startNanos;
    private final long deadlineNanos;
    private final LongSupplier nanoClock;
    private long matches;
    private long scannedBytes;
    private long scannedRecords;
    private StopReason stopped;

    public SearchBudget(long maxMatches, long maxBytes, long maxMillis, LongSupplier nanoClock) {
        this.maxMatches = maxMatches;
        this.maxBytes = maxBytes;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.deadlineNanos = startNanos + TimeUnit.MILLISECONDS.toNanos(maxMillis);
    }

    /** True once a limit is reached (checking the bytes and the clock now); {@link #reason} says which. */
    public boolean exhausted() {
        if (stopped != null) {
            return true;
        }
        if (scannedBytes >= maxBytes) {
            stopped = StopReason.MAX_BYTES;
        } else if (nanoClock.getAsLong() - deadlineNanos >= 0) {
            stopped = StopReason.MAX_MILLIS;
        }
        return stopped != null;
    }

    public void scanned(long bytes, long records) {
        scannedBytes += bytes;
        scannedRecords += records;
    }

    public void matched() {
        matches++;
        if (matches >= maxMatches && stopped == null) {
            stopped = StopReason.MAX_MATCHES;
        }
    }

    public void cancel() {
        if (stopped == null) {
            stopped = StopReason.CANCELLED;
        }
    }

    /** The reason it stopped; complete when no limit was reached. */
    public StopReason reason() {
        return stopped == null ? StopReason.COMPLETE : stopped;
    }

    public long matches() {
        return matches;
    }

    public long scannedBytes() {
        return scannedBytes;
    }

    public long scannedRecords() {
        return scannedRecords;
    }

    public long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(nanoClock.getAsLong() - startNanos);
    }

    public long bytesPerSec() {
        long nanos = Math.max(1, nanoClock.getAsLong() - startNanos);
        return (long) (scannedBytes * 1e9 / nanos);
    }
}
