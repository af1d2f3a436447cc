package io.tributary.metadata.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.Test;

import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.replay.MetadataReplayer;

/** Metadata logs written before the cluster work (version 0 records) still load. */
class LegacyRecordFormatTest {

    @Test
    void versionZeroRegistrationsPartitionsAndChangesAreRead() {
        // given: the previous release's layout, written by hand
        Uuid topicId = Uuid.randomUuid();
        BinaryWriter out = new BinaryWriter(256);
        out.writeInt(4);
        writeHeader(out, MetadataRecordSerde.REGISTER_BROKER, () -> {
            out.writeInt(1);
            out.writeInt(1);
            out.writeString("PLAINTEXT");
            out.writeString("localhost");
            out.writeInt(9092);
            out.writeShort(SecurityProtocol.PLAINTEXT.id);
            out.writeString(null);
            out.writeBoolean(false);
        });
        writeHeader(out, MetadataRecordSerde.TOPIC, () -> {
            out.writeString("old");
            out.writeUuid(topicId);
        });
        writeHeader(out, MetadataRecordSerde.PARTITION, () -> {
            out.writeUuid(topicId);
            out.writeInt(0);
            out.writeIntArray(new int[] {1});
            out.writeIntArray(new int[] {1});
            out.writeInt(1);
            out.writeInt(0);
            out.writeInt(0);
        });
        writeHeader(out, MetadataRecordSerde.PARTITION_CHANGE, () -> {
            out.writeUuid(topicId);
            out.writeInt(0);
            out.writeIntArray(new int[] {1});
            out.writeInt(PartitionChangeRecord.LEADER_UNCHANGED);
        });

        // when
        List<MetadataRecord> records = MetadataRecordSerde.readRecords(out.toByteBuffer());
        MetadataReplayer replayer = new MetadataReplayer(MetadataImage.empty("c"));
        records.forEach(r -> replayer.replay(r, 3));
        MetadataImage image = replayer.build(3);

        // then
        BrokerRegistration broker = image.brokers().get(1).orElseThrow();
        assertThat(broker.fenced()).isFalse();
        assertThat(broker.incarnationId()).isEqualTo(Uuid.ZERO_UUID);
        assertThat(broker.epoch()).isEqualTo(3);
        var partition = image.topics().get("old").orElseThrow().partition(0).orElseThrow();
        assertThat(partition.leader()).isEqualTo(1);
        assertThat(partition.partitionEpoch()).isEqualTo(1);
        assertThat(partition.isReassigning()).isFalse();
    }

    @Test
    void currentRecordsRoundTrip() {
        // given
        Uuid topicId = Uuid.randomUuid();
        List<MetadataRecord> records = List.of(
            new RegisterBrokerRecord(2, Uuid.randomUuid(), List.of(new BrokerRegistration.Listener("PLAINTEXT",
                "h", 1, SecurityProtocol.PLAINTEXT)), "rack", true),
            new BrokerStateRecord(2, 5, false, true),
            new PartitionRecord(topicId, 0, new int[] {1, 2, 3}, new int[] {1, 2}, 1, 4, 5, new int[] {3},
                new int[] {1}),
            new PartitionChangeRecord(topicId, 0, null, 2, new int[] {2, 3}, new int[0], new int[0]),
            new ProducerIdsRecord(2, 5, 3000),
            new LeaderChangeRecord(1, 7),
            new UnregisterBrokerRecord(2, 5),
            new FeatureLevelRecord("transaction.version", (short) 1));
        BinaryWriter out = new BinaryWriter(64);

        // when
        MetadataRecordSerde.writeRecords(records, out);
        List<MetadataRecord> read = MetadataRecordSerde.readRecords(out.toByteBuffer());

        // then
        assertThat(read).isEqualTo(records);
    }

    private static void writeHeader(BinaryWriter out, short type, Runnable payload) {
        out.writeShort(type);
        out.writeShort(0);
        int sizePosition = out.position();
        out.writeInt(0);
        payload.run();
        out.putIntAt(sizePosition, out.position() - sizePosition - 4);
    }

}
