package io.tributary.it.transactions;

import static io.tributary.it.support.TransactionalReads.assertFailedWithOneOf;
import static io.tributary.it.support.TransactionalReads.committedValues;
import static io.tributary.it.support.TransactionalReads.latestOffset;
import static io.tributary.it.support.TransactionalReads.uncommittedValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tributary.it.support.Consuming;
import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.Producing;
import io.tributary.it.support.TopicNames;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Transactional producers against read_committed and read_uncommitted readers: visibility, the LSO, fencing, timeouts. */
@Tag("transactions")
class TransactionsIT {

    static final int TRANSACTION_TIMEOUT_MS = 3000;

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder()
            // Kafka checks for timed-out transactions every 10 s by default; the timeout test cannot wait that long.
            .config("transaction.abort.timed.out.transaction.cleanup.interval.ms", 500)
            .build();

    @Test
    void committedTransactionIsVisibleToBothIsolationLevels() throws Exception {
        // given
        String topic = newTopic("txn-commit", 2);
        KafkaProducer<String, String> producer = initializedProducer("commit");

        // when
        producer.beginTransaction();
        List<String> sent = Producing.sendValues(producer, Producing.acrossPartitions(topic, 2, "committed", 3));
        producer.commitTransaction();

        // then
        assertThat(committedValues(broker.clients(), topic, 2)).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(uncommittedValues(broker.clients(), topic, 2)).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void abortedTransactionIsInvisibleToReadCommittedButVisibleToReadUncommitted() throws Exception {
        // given
        String topic = newTopic("txn-abort", 2);
        KafkaProducer<String, String> producer = initializedProducer("abort");

        // when
        producer.beginTransaction();
        List<String> aborted = Producing.sendValues(producer, Producing.acrossPartitions(topic, 2, "aborted", 3));
        producer.abortTransaction();
        producer.beginTransaction();
        List<String> committed = Producing.sendValues(producer, Producing.acrossPartitions(topic, 2, "kept", 2));
        producer.commitTransaction();

        // then
        assertThat(committedValues(broker.clients(), topic, 2)).containsExactlyInAnyOrderElementsOf(committed);
        List<String> everything = new ArrayList<>(aborted);
        everything.addAll(committed);
        assertThat(uncommittedValues(broker.clients(), topic, 2)).containsExactlyInAnyOrderElementsOf(everything);
    }

    @Test
    void readCommittedConsumerStopsAtAnOpenTransactionAndProceedsAfterItsCommit() throws Exception {
        // given records before an open transaction, and plain records appended after it
        String topic = newTopic("txn-lso", 1);
        TopicPartition partition = new TopicPartition(topic, 0);
        KafkaProducer<String, String> plain = broker.clients().producer();
        KafkaProducer<String, String> transactional = initializedProducer("lso");
        Producing.sendAll(plain, Producing.numbered(topic, 0, "before", 3));
        transactional.beginTransaction();
        Producing.sendAll(transactional, Producing.numbered(topic, 0, "open", 3));
        Producing.sendAll(plain, Producing.numbered(topic, 0, "after", 2));

        // when
        KafkaConsumer<String, String> reader = broker.clients().readCommittedConsumer();
        reader.assign(List.of(partition));
        reader.seekToBeginning(List.of(partition));
        List<String> seenWhileOpen = pollFor(reader, Duration.ofMillis(1500));

        // then only what precedes the open transaction is readable
        assertThat(seenWhileOpen).containsExactlyElementsOf(Producing.numberedValues("before", 0, 3));
        assertThat(uncommittedValues(broker.clients(), topic, 1)).hasSize(8);

        // when
        transactional.commitTransaction();

        // then the reader moves past the LSO and sees the rest in log order
        List<String> expectedRest = new ArrayList<>(Producing.numberedValues("open", 0, 3));
        expectedRest.addAll(Producing.numberedValues("after", 0, 2));
        assertThat(Consuming.values(Consuming.pollExactly(reader, 5, Consuming.DEFAULT_TIMEOUT)))
                .containsExactlyElementsOf(expectedRest);
    }

    @Test
    void listOffsetsLatestWithReadCommittedIsTheLastStableOffset() throws Exception {
        // given three plain records, then a transaction holding two more
        String topic = newTopic("txn-list-offsets", 1);
        TopicPartition partition = new TopicPartition(topic, 0);
        Producing.sendAll(broker.clients().producer(), Producing.numbered(topic, 0, "plain", 3));
        KafkaProducer<String, String> producer = initializedProducer("list-offsets");
        producer.beginTransaction();
        Producing.sendAll(producer, Producing.numbered(topic, 0, "open", 2));

        // when / then: read_committed stops at the first offset of the open transaction
        var admin = broker.clients().admin();
        assertThat(latestOffset(admin, partition, IsolationLevel.READ_COMMITTED)).isEqualTo(3);
        assertThat(latestOffset(admin, partition, IsolationLevel.READ_UNCOMMITTED)).isEqualTo(5);
        assertThat(broker.clients().readCommittedConsumer().endOffsets(List.of(partition))).containsEntry(partition, 3L);

        // when
        producer.commitTransaction();

        // then both levels meet past the commit marker (written asynchronously after EndTxn, as in Kafka)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(latestOffset(admin, partition, IsolationLevel.READ_UNCOMMITTED)).isEqualTo(6);
            assertThat(latestOffset(admin, partition, IsolationLevel.READ_COMMITTED)).isEqualTo(6);
        });
    }

    @Test
    void secondProducerWithTheSameTransactionalIdFencesTheFirst() throws Exception {
        // given a producer with an open transaction
        String topic = newTopic("txn-fence", 1);
        String transactionalId = TopicNames.unique("txn-fence-id");
        KafkaProducer<String, String> first = broker.clients().transactionalProducer(transactionalId);
        first.initTransactions();
        first.beginTransaction();
        Producing.sendAll(first, Producing.numbered(topic, 0, "zombie", 2));

        // when a second instance starts with the same transactional.id
        KafkaProducer<String, String> second = broker.clients().transactionalProducer(transactionalId);
        second.initTransactions();
        Throwable zombieCommit = catchThrowable(first::commitTransaction);
        second.beginTransaction();
        Producing.sendAll(second, Producing.numbered(topic, 0, "winner", 1));
        second.commitTransaction();

        // then the first is fenced and its open transaction was aborted
        assertFailedWithOneOf(zombieCommit, ProducerFencedException.class);
        assertThat(committedValues(broker.clients(), topic, 1)).containsExactly("winner-0");
        assertThat(uncommittedValues(broker.clients(), topic, 1)).containsExactly("zombie-0", "zombie-1", "winner-0");
    }

    @Test
    void transactionLeftOpenPastItsTimeoutIsAbortedByTheBroker() throws Exception {
        // given
        String topic = newTopic("txn-timeout", 1);
        TopicPartition partition = new TopicPartition(topic, 0);
        KafkaProducer<String, String> producer = broker.clients().transactionalProducer(
                TopicNames.unique("txn-timeout-id"), Map.of(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS));
        producer.initTransactions();
        producer.beginTransaction();
        Producing.sendAll(producer, Producing.numbered(topic, 0, "expired", 2));

        // when nothing happens for longer than the transaction timeout
        var admin = broker.clients().admin();

        // then the broker writes an abort marker, so the LSO catches up with the high watermark
        await().atMost(Duration.ofMillis(TRANSACTION_TIMEOUT_MS + 10_000)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    assertThat(latestOffset(admin, partition, IsolationLevel.READ_UNCOMMITTED)).isEqualTo(3);
                    assertThat(latestOffset(admin, partition, IsolationLevel.READ_COMMITTED)).isEqualTo(3);
                });
        assertThat(committedValues(broker.clients(), topic, 1)).isEmpty();
        assertThat(uncommittedValues(broker.clients(), topic, 1)).containsExactly("expired-0", "expired-1");

        // and the producer learns on its next call that its transaction is over: with transaction version 2 (Kafka 4
        // clients) the broker's abort bumped the epoch once, so the commit reads as a retry of that abort with the
        // other result, which Kafka answers INVALID_TXN_STATE; version 1 producers are fenced
        assertFailedWithOneOf(catchThrowable(producer::commitTransaction),
                InvalidTxnStateException.class, ProducerFencedException.class, InvalidProducerEpochException.class);
    }

    private KafkaProducer<String, String> initializedProducer(String purpose) {
        KafkaProducer<String, String> producer = broker.clients().transactionalProducer(TopicNames.unique("txn-" + purpose));
        producer.initTransactions();
        return producer;
    }

    private static List<String> pollFor(KafkaConsumer<String, String> consumer, Duration duration) {
        List<String> values = new ArrayList<>();
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100)).forEach(record -> values.add(record.value()));
        }
        return values;
    }

    private static String newTopic(String purpose, int partitions) throws Exception {
        String topic = TopicNames.unique(purpose);
        broker.createTopic(topic, partitions);
        return topic;
    }
}
