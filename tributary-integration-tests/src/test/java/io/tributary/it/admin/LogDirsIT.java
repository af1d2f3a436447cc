package io.tributary.it.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.it.support.EmbeddedBroker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LogDirsIT {

    private static final int NODE_ID = 1;

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().nodeId(NODE_ID).build();

    @Test
    void describeLogDirsListsEveryPartitionWithItsSizeAndTheVolumeSpace() throws Exception {
        // given a topic with data in one of its two partitions
        broker.createTopic("log-dirs", 2);
        KafkaProducer<String, String> producer = broker.clients().producer();
        producer.send(new ProducerRecord<>("log-dirs", 0, "k", "some value")).get(15, TimeUnit.SECONDS);

        // when
        Map<String, LogDirDescription> dirs = broker.clients().admin()
                .describeLogDirs(List.of(NODE_ID)).allDescriptions().get(15, TimeUnit.SECONDS).get(NODE_ID);

        // then
        assertThat(dirs).hasSize(1);
        LogDirDescription dir = dirs.values().iterator().next();
        assertThat(dir.error()).isNull();
        assertThat(dir.totalBytes()).isPresent();
        assertThat(dir.usableBytes().getAsLong()).isPositive();
        Map<TopicPartition, ReplicaInfo> replicas = dir.replicaInfos();
        assertThat(replicas.get(new TopicPartition("log-dirs", 0)).size()).isPositive();
        assertThat(replicas.get(new TopicPartition("log-dirs", 1)).size()).isZero();
        assertThat(replicas.get(new TopicPartition("log-dirs", 0)).isFuture()).isFalse();
    }
}
