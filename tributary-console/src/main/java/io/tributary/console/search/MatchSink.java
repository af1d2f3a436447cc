package io.tributary.console.search;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.Record;

/** Where a scan sends what it finds; a false answer means the reader has gone and the scan stops (cancelled). */
public interface MatchSink {

    /** A record read in place from a local replica. */
    boolean match(TopicPartition tp, TimestampType timestampType, Record record);

    /** A record a consumer fetched from the partition's leader. */
    boolean match(ConsumerRecord<byte[], byte[]> record);

    /** Called between batches and polls: the place to send progress when it is due. */
    boolean progress();

    /** One more partition scanned to its end. */
    default void partitionDone() {
    }
}
