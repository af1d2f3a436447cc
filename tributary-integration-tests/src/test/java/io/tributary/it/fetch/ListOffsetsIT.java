package io.tributary.it.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.Producing;
import io.tributary.it.support.TopicNames;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Admin.listOffsets against one partition whose record timestamps are deliberately out of order. */
class ListOffsetsIT {

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    /** An hour back, so neither retention nor the future-timestamp guard interferes. */
    private static final long BASE = System.currentTimeMillis() - 3_600_000;
    /** Timestamps by offset: the maximum sits in the middle. */
    private static final long[] TIMESTAMPS = {BASE + 1_000, BASE + 2_000, BASE + 5_000, BASE + 3_000, BASE + 4_000};

    private static TopicPartition partition;

    @BeforeAll
    static void produceRecordsInSeparateBatches() throws Exception {
        String topic = TopicNames.unique("list-offsets");
        broker.createTopic(topic, 1);
        partition = new TopicPartition(topic, 0);
        var producer = broker.clients().producer();
        for (int offset = 0; offset < TIMESTAMPS.length; offset++) {
            Producing.sendOne(producer, new ProducerRecord<>(topic, 0, TIMESTAMPS[offset], null, "t" + offset));
        }
    }

    @Test
    void earliestIsTheFirstOffset() throws Exception {
        // when
        ListOffsetsResultInfo result = listOffsets(OffsetSpec.earliest());

        // then
        assertThat(result.offset()).isZero();
    }

    @Test
    void latestIsTheNextOffsetToBeWritten() throws Exception {
        // when
        ListOffsetsResultInfo result = listOffsets(OffsetSpec.latest());

        // then
        assertThat(result.offset()).isEqualTo(TIMESTAMPS.length);
    }

    @Test
    void byTimestampFindsTheFirstRecordAtOrAfterIt() throws Exception {
        // when
        ListOffsetsResultInfo exact = listOffsets(OffsetSpec.forTimestamp(BASE + 2_000));
        ListOffsetsResultInfo between = listOffsets(OffsetSpec.forTimestamp(BASE + 2_500));
        ListOffsetsResultInfo beforeAll = listOffsets(OffsetSpec.forTimestamp(BASE));

        // then
        assertThat(exact.offset()).isEqualTo(1);
        assertThat(exact.timestamp()).isEqualTo(BASE + 2_000);
        assertThat(between.offset()).isEqualTo(2);
        assertThat(between.timestamp()).isEqualTo(BASE + 5_000);
        assertThat(beforeAll.offset()).isZero();
    }

    @Test
    void byTimestampAfterEveryRecordFindsNothing() throws Exception {
        // when
        ListOffsetsResultInfo result = listOffsets(OffsetSpec.forTimestamp(BASE + 60_000));

        // then
        assertThat(result.offset()).isEqualTo(-1);
    }

    @Test
    void maxTimestampFindsTheRecordWithTheLargestTimestamp() throws Exception {
        // when
        ListOffsetsResultInfo result = listOffsets(OffsetSpec.maxTimestamp());

        // then
        assertThat(result.offset()).isEqualTo(2);
        assertThat(result.timestamp()).isEqualTo(BASE + 5_000);
    }

    private static ListOffsetsResultInfo listOffsets(OffsetSpec spec) throws Exception {
        return broker.clients().admin().listOffsets(Map.of(partition, spec))
                .partitionResult(partition).get(15, TimeUnit.SECONDS);
    }
}
