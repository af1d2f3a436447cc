package io.tributary.metadata.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

/**
 * KIP-966 fields of partition records: version 2, written only when set, so that a log without ELR state stays
 * readable by nodes that know version 1; version 1 records read with empty ELR fields.
 */
class ElrRecordFormatTest {

    private static final Uuid TOPIC = Uuid.randomUuid();

    @Test
    void recordsWithElrFieldsAreVersion2AndRoundTrip() {
        // given
        List<MetadataRecord> records = List.of(
            new PartitionRecord(TOPIC, 0, new int[] {1, 2, 3}, new int[0], -1, 4, 9, null, null, new int[] {2, 3},
                new int[] {3}),
            new PartitionChangeRecord(TOPIC, 0, new int[] {2}, 2, null, null, null, new int[] {3}, new int[0]));
        BinaryWriter out = new BinaryWriter(64);

        // when
        MetadataRecordSerde.writeRecords(records, out);
        List<MetadataRecord> read = MetadataRecordSerde.readRecords(out.toByteBuffer());

        // then
        assertThat(records).allSatisfy(r -> assertThat(MetadataRecordSerde.versionOf(r)).isEqualTo((short) 2));
        assertThat(read).isEqualTo(records);
        assertThat(((PartitionRecord) read.get(0)).toRegistration().elr()).containsExactly(2, 3);
        assertThat(((PartitionChangeRecord) read.get(1)).lastKnownElr()).isEmpty();
    }

    @Test
    void recordsWithoutElrStateStayVersion1() {
        // given
        PartitionRecord partition = new PartitionRecord(TOPIC, 0, new int[] {1, 2}, new int[] {1, 2}, 1, 0, 0);
        PartitionChangeRecord change = PartitionChangeRecord.isrChange(TOPIC, 0, new int[] {1});
        BinaryWriter out = new BinaryWriter(64);

        // when
        MetadataRecordSerde.writeRecords(List.of(partition, change), out);
        List<MetadataRecord> read = MetadataRecordSerde.readRecords(out.toByteBuffer());

        // then
        assertThat(MetadataRecordSerde.versionOf(partition)).isEqualTo((short) 1);
        assertThat(MetadataRecordSerde.versionOf(change)).isEqualTo((short) 1);
        assertThat(read).containsExactly(partition, change);
        assertThat(((PartitionChangeRecord) read.get(1)).elr()).isNull(); // unchanged
        assertThat(((PartitionRecord) read.get(0)).toRegistration().elr()).isEmpty();
    }
}
