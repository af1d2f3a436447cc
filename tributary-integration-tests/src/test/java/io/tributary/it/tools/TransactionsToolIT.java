package io.tributary.it.tools;

import static org.assertj.core.api.Assertions.assertThat;


import io.tributary.it.support.Consuming;
import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.Producing;
import io.tributary.it.support.TopicNames;
import io.tributary.it.tools.KafkaToolRunner.ToolResult;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.tools.ProducerPerformance;
import org.apache.kafka.tools.TransactionsCommand;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Kafka's kafka-transactions and transactional kafka-producer-perf-test, unmodified, against us. */
@Tag("transactions")
class TransactionsToolIT {

    private static final int PERF_RECORDS = 3000;

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    @Test
    void kafkaTransactionsListsAndDescribesAnOpenTransaction() throws Exception {
        // given
        String topic = TopicNames.unique("tool-txn");
        broker.createTopic(topic, 1);
        String transactionalId = TopicNames.unique("tool-txn-id");
        KafkaProducer<String, String> producer = broker.clients().transactionalProducer(transactionalId);
        producer.initTransactions();
        producer.beginTransaction();
        Producing.sendAll(producer, Producing.numbered(topic, 0, "open", 2));

        // when
        ToolResult listed = transactions("list");
        ToolResult described = transactions("describe", "--transactional-id", transactionalId);
        producer.commitTransaction();

        // then
        assertThat(listed.exitCode()).as(listed.output()).isZero();
        assertThat(listed.out().lines()).as(listed.output())
                .anySatisfy(line -> assertThat(line).contains(transactionalId).contains("Ongoing"));
        assertThat(described.exitCode()).as(described.output()).isZero();
        assertThat(described.out()).as(described.output())
                .contains("TransactionalId").contains("TopicPartitions")
                .contains(transactionalId).contains("Ongoing").contains(topic + "-0");
    }

    @Test
    void transactionalProducerPerfTestCommitsEveryRecord() throws Exception {
        // given
        String topic = TopicNames.unique("tool-txn-perf");
        broker.createTopic(topic, 1);

        // when
        ToolResult perf = KafkaToolRunner.run(ProducerPerformance::main,
                "--bootstrap-server", broker.bootstrapServers(),
                "--topic", topic,
                "--num-records", String.valueOf(PERF_RECORDS),
                "--record-size", "100",
                "--throughput", "-1",
                "--transactional-id", TopicNames.unique("tool-perf-id"),
                "--transaction-duration-ms", "200");

        // then
        assertThat(perf.exitCode()).as(perf.output()).isZero();
        assertThat(perf.out()).as(perf.output()).contains(PERF_RECORDS + " records sent");
        assertThat(Consuming.readToEnd(broker.clients().readCommittedConsumer(), Consuming.partitions(topic, 1)))
                .hasSize(PERF_RECORDS);
    }

    private static ToolResult transactions(String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "--bootstrap-server";
        all[1] = broker.bootstrapServers();
        System.arraycopy(args, 0, all, 2, args.length);
        return KafkaToolRunner.run(TransactionsCommand::main, all);
    }
}
