package io.tributary.metadata.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.junit.jupiter.api.Test;

import io.tributary.metadata.image.MetadataImage;
import io.tributary.metadata.replay.ImageRecords;
import io.tributary.metadata.replay.MetadataReplayer;

/** Client quota records: their encoding, their replay into the image, and the image's records back. */
class ClientQuotaRecordTest {

    private static final ClientQuotaEntity ALICE_APP = entity("alice", "app");
    private static final ClientQuotaEntity DEFAULT_USER = entity(null, null);

    @Test
    void recordsSurviveEncodingWithDefaultEntitiesAndRemovals() {
        List<MetadataRecord> records = List.of(
            new ClientQuotaRecord(ALICE_APP, "producer_byte_rate", 1024.0),
            new ClientQuotaRecord(DEFAULT_USER, "request_percentage", 12.5),
            new ClientQuotaRecord(ALICE_APP, "producer_byte_rate", null));
        BinaryWriter out = new BinaryWriter(256);
        MetadataRecordSerde.writeRecords(records, out);
        ByteBuffer encoded = out.toByteBuffer();

        assertThat(MetadataRecordSerde.readRecords(encoded)).isEqualTo(records);
    }

    @Test
    void replaySetsReplacesAndRemovesQuotasAndTheImageRebuildsFromItsRecords() {
        MetadataReplayer replayer = new MetadataReplayer(MetadataImage.empty("c"));
        replayer.replay(new ClientQuotaRecord(ALICE_APP, "producer_byte_rate", 1024.0));
        replayer.replay(new ClientQuotaRecord(ALICE_APP, "consumer_byte_rate", 2048.0));
        replayer.replay(new ClientQuotaRecord(ALICE_APP, "producer_byte_rate", 4096.0));
        replayer.replay(new ClientQuotaRecord(DEFAULT_USER, "request_percentage", 50.0));
        replayer.replay(new ClientQuotaRecord(DEFAULT_USER, "request_percentage", null));
        MetadataImage image = replayer.build(4);

        assertThat(image.clientQuotas().asMap())
            .isEqualTo(Map.of(ALICE_APP, Map.of("producer_byte_rate", 4096.0, "consumer_byte_rate", 2048.0)));

        MetadataReplayer rebuilt = new MetadataReplayer(MetadataImage.empty("c"));
        ImageRecords.of(image).forEach(rebuilt::replay);
        assertThat(rebuilt.build(4).sameContentAs(image)).isTrue();
    }

    private static ClientQuotaEntity entity(String user, String clientId) {
        Map<String, String> entries = new HashMap<>();
        entries.put(ClientQuotaEntity.USER, user);
        entries.put(ClientQuotaEntity.CLIENT_ID, clientId);
        return new ClientQuotaEntity(entries);
    }
}
