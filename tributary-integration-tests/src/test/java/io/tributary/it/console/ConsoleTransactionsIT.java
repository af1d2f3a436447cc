package io.tributary.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.tributary.it.support.EmbeddedBroker;
import io.tributary.it.support.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's transactions API with real transactional producers: an open transaction is listed with its
 * partitions and producer while it runs, ahead of completed ones, and as CompleteCommit once committed.
 */
class ConsoleTransactionsIT {

    @RegisterExtension
    static final EmbeddedBroker broker = EmbeddedBroker.builder().build();

    private final ConsoleApi console = ConsoleApi.of(broker.httpPort());

    @Test
    void listsAnOpenTransactionFirstAndACommittedOneAsComplete() throws Exception {
        // given: a topic, a transaction committed, and another that began and sent a record
        String topic = TopicNames.unique("console-txn");
        broker.createTopic(topic, 2);
        String committedId = TopicNames.unique("txn-done");
        KafkaProducer<String, String> done = broker.clients().transactionalProducer(committedId);
        done.initTransactions();
        done.beginTransaction();
        done.send(new ProducerRecord<>(topic, 0, "k", "v")).get();
        done.commitTransaction();
        String openId = TopicNames.unique("txn-open");
        KafkaProducer<String, String> open = broker.clients().transactionalProducer(openId);
        open.initTransactions();
        open.beginTransaction();
        open.send(new ProducerRecord<>(topic, 1, "k", "v")).get();

        // when
        JsonNode transactions = Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                () -> console.get("/transactions").body().path("transactions"),
                list -> "CompleteCommit".equals(find(list, committedId).path("state").asText()));

        // then: the open one, with its partition, producer and start time
        JsonNode running = find(transactions, openId);
        assertThat(running.path("state").asText()).isEqualTo("Ongoing");
        assertThat(running.path("producerId").asLong()).isNotNegative();
        assertThat(running.path("producerEpoch").asInt()).isNotNegative();
        assertThat(running.path("timeoutMs").asLong()).isPositive();
        assertThat(running.path("transactionStartTimeMs").asLong()).isPositive();
        assertThat(running.path("coordinator").asInt()).isEqualTo(broker.nodeId());
        assertThat(running.path("topicPartitions")).hasSize(1);
        assertThat(running.path("topicPartitions").get(0).path("topic").asText()).isEqualTo(topic);
        assertThat(running.path("topicPartitions").get(0).path("partition").asInt()).isEqualTo(1);
        // and open transactions come first
        List<String> order = ids(transactions);
        assertThat(order.indexOf(openId)).isLessThan(order.indexOf(committedId));
        assertThat(find(transactions, committedId).path("topicPartitions")).isEmpty();

        // when: the open one commits
        open.commitTransaction();

        // then
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> find(console.get("/transactions").body()
                .path("transactions"), openId).path("state").asText().equals("CompleteCommit"));
        done.close();
        open.close();
    }

    private static List<String> ids(JsonNode transactions) {
        List<String> ids = new ArrayList<>();
        transactions.forEach(t -> ids.add(t.path("transactionalId").asText()));
        return ids;
    }

    private static JsonNode find(JsonNode transactions, String id) {
        for (JsonNode t : transactions) {
            if (t.path("transactionalId").asText().equals(id)) {
                return t;
            }
        }
        return MissingNode.getInstance();
    }
}
