package io.tributary.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.storage.validation.TopicCompression;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MutableRecordBatch;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;

class TopicCompressionTest {

    @Test
    void producerCompressionKeepsTheBatchAsIs() {
        // given
        MemoryRecords produced = MemoryRecords.withRecords(Compression.NONE, new SimpleRecord("k".getBytes(),
                "v".getBytes()));

        // when / then
        assertThat(TopicCompression.apply(produced, "producer")).isSameAs(produced);
    }

    @Test
    void anotherCodecRewritesTheBatchKeepingProducerFieldsAndRecords() {
        // given an idempotent uncompressed batch of three records
        MemoryRecords produced = MemoryRecords.withIdempotentRecords(Compression.NONE, 42L, (short) 3, 7,
                new SimpleRecord(1L, "a".getBytes(), "1".getBytes()),
                new SimpleRecord(2L, "b".getBytes(), null),
                new SimpleRecord(3L, null, "3".getBytes()));

        // when the topic wants zstd
        MemoryRecords stored = TopicCompression.apply(produced, "zstd");

        // then
        MutableRecordBatch batch = stored.batches().iterator().next();
        assertThat(batch.compressionType()).isEqualTo(CompressionType.ZSTD);
        assertThat(batch.producerId()).isEqualTo(42L);
        assertThat(batch.producerEpoch()).isEqualTo((short) 3);
        assertThat(batch.baseSequence()).isEqualTo(7);
        assertThat(batch.isValid()).isTrue();
        List<String> values = new ArrayList<>();
        for (Record record : batch) {
            values.add(record.offset() + ":" + record.timestamp() + ":" + (record.hasValue() ? "v" : "null"));
        }
        assertThat(values).containsExactly("0:1:v", "1:2:null", "2:3:v");
    }

    @Test
    void uncompressedMeansNoCodec() {
        // given
        MemoryRecords produced = MemoryRecords.withRecords(Compression.gzip().build(),
                new SimpleRecord("k".getBytes(), "v".getBytes()));

        // when
        MemoryRecords stored = TopicCompression.apply(produced, "uncompressed");

        // then
        assertThat(stored.batches().iterator().next().compressionType()).isEqualTo(CompressionType.NONE);
    }
}
