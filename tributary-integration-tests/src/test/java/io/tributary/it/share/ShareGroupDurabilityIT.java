package io.tributary.it.share;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.it.support.ChildProcessBroker;
import io.tributary.it.support.Producing;
import io.tributary.it.support.TestClients;
import io.tributary.it.support.TopicNames;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Share-partition state lives in {@code __share_group_state}, written before an acknowledgement is answered: a
 * broker killed with SIGKILL and restarted on the same log dir loses no acknowledgement and redelivers nothing
 * acknowledged or rejected.
 */
class ShareGroupDurabilityIT {

    private static final Map<String, String> DURABLE = Map.of("tributary.durable", "true",
            "group.share.heartbeat.interval.ms", "500", "group.share.min.heartbeat.interval.ms", "500");

    @TempDir
    Path workDir;

    @Test
    void acknowledgementsSurviveSigkill() throws Exception {
        try (ChildProcessBroker broker = new ChildProcessBroker(workDir, DURABLE)) {
            // given twenty records: ten accepted, two rejected, eight still held when the broker dies
            broker.start();
            String topic = TopicNames.unique("share-durable");
            String group = "durable-" + topic;
            List<String> sent = Producing.numberedValues("d", 0, 20);
            try (TestClients clients = new TestClients(broker.bootstrapServers());
                 ShareConsumers consumers = new ShareConsumers(broker.bootstrapServers())) {
                clients.admin().createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all()
                        .get(15, TimeUnit.SECONDS);
                ShareConsumers.startAtEarliest(clients.admin(), group);
                Producing.sendAll(clients.producer(), Producing.numbered(topic, 0, "d", 20));
                KafkaShareConsumer<String, String> consumer = consumers.create(group, topic, true);
                List<ConsumerRecord<String, String>> first = ShareGroupIT.pollUntil(consumer, 20);
                assertThat(first).extracting(ConsumerRecord::value).containsExactlyElementsOf(sent);
                for (ConsumerRecord<String, String> record : first) {
                    if (record.offset() < 10) {
                        consumer.acknowledge(record, AcknowledgeType.ACCEPT);
                    } else if (record.offset() < 12) {
                        consumer.acknowledge(record, AcknowledgeType.REJECT);
                    }
                }
                consumer.commitSync();

                // when
                broker.kill();
            }
            broker.start();

            // then the group's start offset is past what was accepted and rejected, and only the rest comes back
            try (TestClients clients = new TestClients(broker.bootstrapServers());
                 ShareConsumers consumers = new ShareConsumers(broker.bootstrapServers())) {
                TopicPartition tp = new TopicPartition(topic, 0);
                Map<TopicPartition, SharePartitionOffsetInfo> offsets = clients.admin()
                        .listShareGroupOffsets(Map.of(group, new ListShareGroupOffsetsSpec()))
                        .partitionsToOffsetInfo(group).get(15, TimeUnit.SECONDS);
                assertThat(offsets.get(tp).startOffset()).isEqualTo(12L);

                KafkaShareConsumer<String, String> resumed = consumers.create(group, topic, false);
                List<ConsumerRecord<String, String>> again = ShareGroupIT.pollUntil(resumed, 8);
                assertThat(again).extracting(ConsumerRecord::value).containsExactlyElementsOf(sent.subList(12, 20));
                assertThat(ShareConsumers.poll(resumed, 1000)).isEmpty();
            }
        }
    }
}
