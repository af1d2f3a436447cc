package io.tributary.storage.retention;

import io.tributary.storage.api.LogConfig;
import io.tributary.storage.segment.LogSegment;
import java.util.List;

/**
 * Decides how many leading segments may be deleted. Like Kafka, deletion stops at the first segment that must
 * stay, so retention only ever removes a prefix of the log.
 */
public final class RetentionPolicy {

    private RetentionPolicy() {
    }

    /** Segments wholly below the log start offset (after DeleteRecords): every policy removes them. */
    public static int belowLogStart(List<LogSegment> segments, long logStartOffset) {
        int n = 0;
        while (n + 1 < segments.size() && segments.get(n + 1).baseOffset() <= logStartOffset) n++;
        return n;
    }

    /** Segments whose newest record is older than retention.ms. */
    public static int breachingTime(List<LogSegment> segments, LogConfig config, long nowMs) {
        if (!config.delete() || config.retentionMs() < 0) return 0;
        int n = 0;
        while (n < segments.size() && nowMs - segments.get(n).largestTimestamp() > config.retentionMs()) n++;
        return n;
    }

    /** Oldest segments to drop so that what remains fits retention.bytes. */
    public static int breachingSize(List<LogSegment> segments, LogConfig config) {
        if (!config.delete() || config.retentionBytes() < 0) return 0;
        long excess = -config.retentionBytes();
        for (LogSegment s : segments) excess += s.size();
        int n = 0;
        while (n < segments.size() && excess - segments.get(n).size() >= 0) {
            excess -= segments.get(n).size();
            n++;
        }
        return n;
    }
}
