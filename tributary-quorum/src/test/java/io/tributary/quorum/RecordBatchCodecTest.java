package io.tributary.quorum;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.Test;

import io.tributary.metadata.image.BrokerRegistration;
import io.tributary.metadata.record.ConfigRecord;
import io.tributary.metadata.record.MetadataRecord;
import io.tributary.metadata.record.RegisterBrokerRecord;
import io.tributary.metadata.record.RemoveTopicRecord;
import io.tributary.metadata.record.TopicRecord;

class RecordBatchCodecTest {

    @Test
    void aBatchSurvivesTheRoundTrip() {
        // given
        Uuid topicId = Uuid.randomUuid();
        List<MetadataRecord> records = List.of(
            new RegisterBrokerRecord(1, List.of(new BrokerRegistration.Listener("PLAINTEXT", "h", 9092,
                SecurityProtocol.PLAINTEXT)), null, false),
            new TopicRecord("t", topicId),
            new ConfigRecord(ConfigResource.Type.TOPIC, "t", "retention.ms", "1000"),
            new RemoveTopicRecord(topicId));

        // when
        ByteBuffer encoded = RecordBatchCodec.encode(records);
        List<MetadataRecord> decoded = RecordBatchCodec.decode(ByteBuffer.wrap(encoded.array(), 0, encoded.limit()));

        // then
        assertThat(decoded).isEqualTo(records);
    }
}
