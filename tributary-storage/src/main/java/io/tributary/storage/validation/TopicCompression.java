package io.tributary.storage.validation;

import java.nio.ByteBuffer;
import java.util.Locale;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;

/**
 * The topic's {@code compression.type}: "producer" keeps batches as produced (the fast path, no per-record work);
 * any other codec rewrites batches that arrive in a different one, as Kafka does, keeping each batch's producer
 * id, epoch, sequence and transactional flag so idempotence and transactions see the same batch.
 */
public final class TopicCompression {

    public static final String PRODUCER = "producer";

    private TopicCompression() {
    }

    /** As {@link #apply(MemoryRecords, String, long)} for batches without a log append time. */
    public static MemoryRecords apply(MemoryRecords records, String topicCompression) {
        return apply(records, topicCompression, RecordBatch.NO_TIMESTAMP);
    }

    /**
     * The batches in the topic's codec: as they are when they already match (or the topic keeps the producer's),
     * else rewritten keeping producer id, epoch, sequence and, for LOG_APPEND_TIME batches, {@code logAppendTime}.
     */
    public static MemoryRecords apply(MemoryRecords records, String topicCompression, long logAppendTime) {
        if (topicCompression == null || PRODUCER.equalsIgnoreCase(topicCompression)) {
            return records;
        }
        CompressionType target = codec(topicCompression);
        boolean allMatch = true;
        for (MutableRecordBatch batch : records.batches()) {
            allMatch &= batch.compressionType() == target;
        }
        return allMatch ? records : rewrite(records, target, logAppendTime);
    }

    private static MemoryRecords rewrite(MemoryRecords records, CompressionType target, long logAppendTime) {
        ByteBuffer out = ByteBuffer.allocate(Math.max(1024, records.sizeInBytes()));
        for (MutableRecordBatch batch : records.batches()) {
            MemoryRecordsBuilder builder = MemoryRecords.builder(out, RecordBatch.MAGIC_VALUE_V2,
                    Compression.of(target).build(), batch.timestampType(), batch.baseOffset(),
                    batch.timestampType() == TimestampType.LOG_APPEND_TIME ? logAppendTime : RecordBatch.NO_TIMESTAMP,
                    batch.producerId(), batch.producerEpoch(), batch.baseSequence(),
                    batch.isTransactional(), batch.partitionLeaderEpoch());
            for (Record record : batch) {
                builder.appendWithOffset(record.offset(), record.timestamp(), record.key(), record.value(),
                        record.headers());
            }
            builder.close();
            out = builder.buffer();
        }
        out.flip();
        return MemoryRecords.readableRecords(out);
    }

    private static CompressionType codec(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return "uncompressed".equals(lower) ? CompressionType.NONE : CompressionType.forName(lower);
    }
}
