package io.tributary.it.transactions;

import static io.tributary.it.support.TransactionalReads.committedValues;
import static io.tributary.it.support.TransactionalReads.latestOffset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tributary.it.support.ChildProcessBroker;
import io.tributary.it.support.Consuming;
import io.tributary.it.support.Producing;
import io.tributary.it.support.TestClients;
import io.tributary.it.support.TopicNames;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A durable broker killed with SIGKILL while transactions are open or completing: after a restart every transaction
 * is either wholly committed or wholly aborted, and the transactional id can be used again.
 */
@Tag("transactions")
class TransactionCrashIT {

    private static final int PARTITIONS = 2;
    private static final int TRANSACTION_TIMEOUT_MS = 3000;
    private static final Map<String, String> DURABLE = Map.of(
            "tributary.durable", "true",
            "transaction.abort.timed.out.transaction.cleanup.interval.ms", "500");

    @TempDir
    Path workDir;

    @Test
    void openTransactionIsNeverHalfVisibleAndTheIdCanCommitAgainAfterRestart() throws Exception {
        try (ChildProcessBroker broker = new ChildProcessBroker(workDir, DURABLE)) {
            // given three committed transactions and an open one whose records were acknowledged
            broker.start();
            String topic = TopicNames.unique("txn-crash");
            String transactionalId = TopicNames.unique("txn-crash-id");
            List<String> committedBeforeCrash = new ArrayList<>();
            try (TestClients clients = new TestClients(broker.bootstrapServers())) {
                createTopic(clients, topic);
                KafkaProducer<String, String> producer = initializedProducer(clients, transactionalId);
                for (int t = 0; t < 3; t++) {
                    producer.beginTransaction();
                    committedBeforeCrash.addAll(Producing.sendValues(producer,
                            Producing.acrossPartitions(topic, PARTITIONS, "committed" + t, 3)));
                    producer.commitTransaction();
                }
                producer.beginTransaction();
                Producing.sendAll(producer, Producing.acrossPartitions(topic, PARTITIONS, "open", 3));

                // when
                broker.kill();
                producer.close(Duration.ZERO);
            }
            broker.start();

            // then a new instance with the same id takes over and commits
            try (TestClients clients = new TestClients(broker.bootstrapServers())) {
                KafkaProducer<String, String> successor = initializedProducer(clients, transactionalId);
                successor.beginTransaction();
                List<String> afterRestart = Producing.sendValues(successor,
                        Producing.acrossPartitions(topic, PARTITIONS, "after", 2));
                successor.commitTransaction();

                List<String> expected = new ArrayList<>(committedBeforeCrash);
                expected.addAll(afterRestart);
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(committedValues(clients, topic, PARTITIONS)).containsExactlyInAnyOrderElementsOf(expected));
            }
        }
    }

    @Test
    void openTransactionIsAbortedAfterRestartEvenIfItsProducerNeverReturns() throws Exception {
        try (ChildProcessBroker broker = new ChildProcessBroker(workDir, DURABLE)) {
            // given
            broker.start();
            String topic = TopicNames.unique("txn-crash-orphan");
            List<String> committed;
            try (TestClients clients = new TestClients(broker.bootstrapServers())) {
                createTopic(clients, topic);
                KafkaProducer<String, String> producer = clients.transactionalProducer(TopicNames.unique("txn-orphan-id"),
                        Map.of(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS));
                producer.initTransactions();
                producer.beginTransaction();
                committed = Producing.sendValues(producer, Producing.acrossPartitions(topic, PARTITIONS, "kept", 2));
                producer.commitTransaction();
                producer.beginTransaction();
                Producing.sendAll(producer, Producing.acrossPartitions(topic, PARTITIONS, "orphan", 2));

                // when
                broker.kill();
                producer.close(Duration.ZERO);
            }
            broker.start();

            // then the coordinator times the recovered transaction out and the LSO catches up with the log end
            try (TestClients clients = new TestClients(broker.bootstrapServers())) {
                await().atMost(Duration.ofMillis(TRANSACTION_TIMEOUT_MS + 15_000)).pollInterval(Duration.ofMillis(250))
                        .untilAsserted(() -> {
                            for (TopicPartition partition : Consuming.partitions(topic, PARTITIONS)) {
                                assertThat(latestOffset(clients.admin(), partition, IsolationLevel.READ_COMMITTED))
                                        .as("LSO of %s", partition)
                                        .isEqualTo(latestOffset(clients.admin(), partition, IsolationLevel.READ_UNCOMMITTED));
                            }
                        });
                assertThat(committedValues(clients, topic, PARTITIONS)).containsExactlyInAnyOrderElementsOf(committed);
            }
        }
    }

    @Test
    void transactionCommittedJustBeforeTheCrashIsCompletedAfterRestart() throws Exception {
        try (ChildProcessBroker broker = new ChildProcessBroker(workDir, DURABLE)) {
            // given a commit acknowledged by the coordinator, whose markers may not all be written yet
            broker.start();
            String topic = TopicNames.unique("txn-crash-commit");
            List<String> committed;
            try (TestClients clients = new TestClients(broker.bootstrapServers())) {
                createTopic(clients, topic);
                KafkaProducer<String, String> producer = initializedProducer(clients, TopicNames.unique("txn-commit-id"));
                producer.beginTransaction();
                committed = Producing.sendValues(producer, Producing.acrossPartitions(topic, PARTITIONS, "done", 5));
                producer.commitTransaction();

                // when
                broker.kill();
                producer.close(Duration.ZERO);
            }
            broker.start();

            // then the commit is carried through: every record of it becomes visible, none is lost
            try (TestClients clients = new TestClients(broker.bootstrapServers())) {
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(committedValues(clients, topic, PARTITIONS)).containsExactlyInAnyOrderElementsOf(committed));
            }
        }
    }

    private static KafkaProducer<String, String> initializedProducer(TestClients clients, String transactionalId) {
        KafkaProducer<String, String> producer = clients.transactionalProducer(transactionalId);
        producer.initTransactions();
        return producer;
    }

    private static void createTopic(TestClients clients, String topic) throws Exception {
        clients.admin().createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all()
                .get(15, TimeUnit.SECONDS);
    }
}
