package io.tributary.console.broker;

import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.internal.Records;

/** The partitions this node holds a replica of, read in place: message search runs next to the log. */
public interface LocalLogs {

    LocalLogs NONE = tp -> Optional.empty();

    Optional<LocalPartition> partition(TopicPartition tp);

    /** One local replica's log, read up to what consumers may see. */
    interface LocalPartition {
        long logStartOffset();

        /** Records below this offset are committed (replicated as acks=all promises): the end consumers see. */
        long highWatermark();

        /** Batches from the one holding {@code offset}, at most about {@code maxBytes}, below {@code maxOffsetExclusive}. */
        Records read(long offset, int maxBytes, long maxOffsetExclusive);
    }
}
