package io.tributary.it.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.tributary.it.support.AcknowledgingProducer;
import io.tributary.it.support.AcknowledgingProducer.Ack;
import io.tributary.it.support.ChildProcessBroker;
import io.tributary.it.support.Consuming;
import io.tributary.it.support.Producing;
import io.tributary.it.support.TestClients;
import io.tributary.it.support.TopicNames;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a durable broker (tributary.durable=true: acks only after fsync) with SIGKILL while an idempotent producer is
 * writing, restarts it on the same log dir, and checks that nothing acknowledged was lost.
 */
class CrashRecoveryIT {

    private static final int PARTITIONS = 3;
    private static final int ACKS_BEFORE_CRASH = 300;
    private static final Map<String, String> DURABLE = Map.of("tributary.durable", "true");

    @TempDir
    Path workDir;

    @Test
    void everyAcknowledgedRecordSurvivesSigkill() throws Exception {
        try (ChildProcessBroker broker = new ChildProcessBroker(workDir, DURABLE)) {
            // given
            broker.start();
            String topic = TopicNames.unique("crash");
            List<Ack> acked;
            try (TestClients clients = new TestClients(broker.bootstrapServers())) {
                createTopic(clients, topic);
                AcknowledgingProducer producer = new AcknowledgingProducer(clients, topic, PARTITIONS, "crash");

                // when
                await().atMost(Duration.ofSeconds(30)).until(() -> producer.acknowledgedCount() >= ACKS_BEFORE_CRASH);
                broker.kill();
                acked = producer.stopAndCollect();
            }
            broker.start();

            // then
            try (TestClients clients = new TestClients(broker.bootstrapServers())) {
                List<ConsumerRecord<String, String>> log = Consuming.readToEnd(clients.consumer(),
                        Consuming.partitions(topic, PARTITIONS));
                assertThat(acked).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_CRASH);
                assertLogIsIntact(log);
                assertEveryAckIsInTheLog(acked, log);
            }
        }
    }

    @Test
    void recoveredLogAcceptsNewRecordsAfterItsRecoveredEnd() throws Exception {
        try (ChildProcessBroker broker = new ChildProcessBroker(workDir, DURABLE)) {
            // given a log recovered after a crash mid-production
            broker.start();
            String topic = TopicNames.unique("crash-append");
            List<Ack> acked;
            try (TestClients clients = new TestClients(broker.bootstrapServers())) {
                createTopic(clients, topic);
                AcknowledgingProducer producer = new AcknowledgingProducer(clients, topic, PARTITIONS, "before");
                await().atMost(Duration.ofSeconds(30)).until(() -> producer.acknowledgedCount() >= ACKS_BEFORE_CRASH);
                broker.kill();
                acked = producer.stopAndCollect();
            }
            broker.start();
            List<TopicPartition> partitions = Consuming.partitions(topic, PARTITIONS);

            try (TestClients clients = new TestClients(broker.bootstrapServers())) {
                Map<TopicPartition, Long> recoveredEnds = clients.consumer().endOffsets(partitions);

                // when
                List<ProducerRecord<String, String>> appended = new ArrayList<>();
                for (int i = 0; i < 20 * PARTITIONS; i++) {
                    appended.add(new ProducerRecord<>(topic, i % PARTITIONS, null, "after-" + i));
                }
                List<RecordMetadata> appendAcks = Producing.sendAll(clients.producer(), appended);

                // then new records continue exactly at the recovered end of each partition
                for (TopicPartition partition : partitions) {
                    long firstNewOffset = appendAcks.stream().filter(ack -> ack.partition() == partition.partition())
                            .mapToLong(RecordMetadata::offset).min().orElseThrow();
                    assertThat(firstNewOffset).as("first offset after recovery in %s", partition)
                            .isEqualTo(recoveredEnds.get(partition));
                }
            }

            // and everything survives a clean restart too
            broker.stop();
            broker.start();
            try (TestClients clients = new TestClients(broker.bootstrapServers())) {
                List<ConsumerRecord<String, String>> log = Consuming.readToEnd(clients.consumer(), partitions);
                assertLogIsIntact(log);
                assertEveryAckIsInTheLog(acked, log);
                assertThat(log).filteredOn(record -> record.value().startsWith("after-")).hasSize(20 * PARTITIONS);
            }
        }
    }

    private static void createTopic(TestClients clients, String topic) throws Exception {
        clients.admin().createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all()
                .get(15, TimeUnit.SECONDS);
    }

    /** Per partition: offsets run 0..n-1 without holes, values never repeat, and the send order is kept. */
    private static void assertLogIsIntact(List<ConsumerRecord<String, String>> log) {
        assertThat(Consuming.values(log)).as("values in the log").doesNotHaveDuplicates();
        Map<Integer, List<ConsumerRecord<String, String>>> byPartition = log.stream()
                .collect(Collectors.groupingBy(ConsumerRecord::partition));
        byPartition.forEach((partition, records) -> {
            for (int i = 0; i < records.size(); i++) {
                assertThat(records.get(i).offset()).as("offset #%d in partition %d", i, partition).isEqualTo(i);
            }
            Map<String, List<String>> byGeneration = records.stream().map(ConsumerRecord::value)
                    .collect(Collectors.groupingBy(CrashRecoveryIT::generationOf));
            byGeneration.forEach((generation, values) -> assertThat(values)
                    .as("send order of %s records in partition %d", generation, partition)
                    .isSortedAccordingTo((a, b) -> Integer.compare(sequenceOf(a), sequenceOf(b))));
        });
    }

    /** Per partition: acknowledged offsets have no gaps, and each one holds exactly the acknowledged value. */
    private static void assertEveryAckIsInTheLog(List<Ack> acked, List<ConsumerRecord<String, String>> log) {
        Map<TopicPartition, Map<Long, String>> logged = log.stream().collect(Collectors.groupingBy(
                record -> new TopicPartition(record.topic(), record.partition()),
                Collectors.toMap(ConsumerRecord::offset, ConsumerRecord::value)));
        Map<Integer, List<Ack>> ackedByPartition = acked.stream().collect(Collectors.groupingBy(Ack::partition));
        String topic = log.isEmpty() ? "" : log.get(0).topic();
        ackedByPartition.forEach((partition, acks) -> {
            List<Long> offsets = acks.stream().map(Ack::offset).sorted().collect(Collectors.toList());
            for (int i = 0; i < offsets.size(); i++) {
                assertThat(offsets.get(i)).as("acknowledged offset #%d in partition %d", i, partition).isEqualTo(i);
            }
            Map<Long, String> partitionLog = logged.getOrDefault(new TopicPartition(topic, partition), Map.of());
            for (Ack ack : acks) {
                assertThat(partitionLog.get(ack.offset()))
                        .as("value at acknowledged offset %d of partition %d", ack.offset(), partition)
                        .isEqualTo(ack.value());
            }
        });
    }

    private static String generationOf(String value) {
        return value.substring(0, value.indexOf('-') + 1);
    }

    private static int sequenceOf(String value) {
        return Integer.parseInt(value.substring(value.indexOf('-') + 1));
    }
}
