package io.tributary.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.embedded.EmbeddedTributaryCluster;
import io.tributary.it.support.TestClients;
import io.tributary.it.support.TopicNames;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * In a 3-node cluster any node's console shows every group and transaction of the cluster, whichever node
 * coordinates them, with lag computed from every partition leader.
 */
class ConsoleGroupsClusterIT {

    @Test
    void anyNodeShowsTheGroupsAndTransactionsOfEveryCoordinator() throws Exception {
        try (EmbeddedTributaryCluster cluster = EmbeddedTributaryCluster.builder().nodes(3)
                .config("offsets.topic.num.partitions", 6)
                .config("transaction.state.log.num.partitions", 6)
                .config("group.initial.rebalance.delay.ms", 0)
                .start();
             TestClients clients = new TestClients(cluster.bootstrapServers())) {
            // given: a topic led by every node, twelve groups (spread over the coordinators) each 5 behind on
            // every partition
            String topic = TopicNames.unique("cluster-console");
            clients.admin().createTopics(List.of(new NewTopic(topic, 3, (short) 3))).all().get(30, TimeUnit.SECONDS);
            KafkaProducer<String, String> producer = clients.producer();
            for (int p = 0; p < 3; p++) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>(topic, p, "k", "v")).get(20, TimeUnit.SECONDS);
                }
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (int p = 0; p < 3; p++) {
                offsets.put(new TopicPartition(topic, p), new OffsetAndMetadata(5));
            }
            Set<String> groups = new HashSet<>();
            for (int g = 0; g < 12; g++) {
                String group = TopicNames.unique("cluster-group");
                clients.admin().alterConsumerGroupOffsets(group, offsets).all().get(30, TimeUnit.SECONDS);
                groups.add(group);
            }
            // when: node 2's console is asked
            ConsoleApi console = ConsoleApi.of(cluster.node(2).httpPort());
            JsonNode listed = Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                    () -> console.get("/groups").body().path("groups"),
                    list -> count(list, "groupId", groups) == groups.size());

            // then: every group, each with its coordinator and a lag of 3 x 5
            Set<Integer> coordinators = new HashSet<>();
            for (JsonNode group : listed) {
                if (groups.contains(group.path("groupId").asText())) {
                    assertThat(group.path("lag").asLong()).isEqualTo(15);
                    assertThat(group.path("state").asText()).isEqualTo("Empty");
                    coordinators.add(group.path("coordinator").asInt());
                }
            }
            assertThat(coordinators).hasSizeGreaterThan(1).isSubsetOf(1, 2, 3);

            // when: twelve transactions are left open (the log end offset, and so the lag, counts their records,
            // as kafka-consumer-groups does)
            Set<String> transactionalIds = new HashSet<>();
            for (int t = 0; t < 12; t++) {
                String id = TopicNames.unique("cluster-txn");
                KafkaProducer<String, String> transactional = clients.transactionalProducer(id);
                transactional.initTransactions();
                transactional.beginTransaction();
                transactional.send(new ProducerRecord<>(topic, t % 3, "k", "v")).get(20, TimeUnit.SECONDS);
                transactionalIds.add(id);
            }
            JsonNode transactions = console.get("/transactions").body().path("transactions");

            // then: node 2 lists every one, whichever node coordinates it
            assertThat(count(transactions, "transactionalId", transactionalIds)).isEqualTo(transactionalIds.size());
            Set<Integer> transactionCoordinators = new HashSet<>();
            transactions.forEach(t -> {
                if (transactionalIds.contains(t.path("transactionalId").asText())) {
                    assertThat(t.path("state").asText()).isEqualTo("Ongoing");
                    transactionCoordinators.add(t.path("coordinator").asInt());
                }
            });
            assertThat(transactionCoordinators).hasSizeGreaterThan(1);
            for (JsonNode group : console.get("/groups").body().path("groups")) {
                if (groups.contains(group.path("groupId").asText())) {
                    assertThat(group.path("lag").asLong()).isEqualTo(15 + 12);
                }
            }
        }
    }

    private static long count(JsonNode rows, String field, Set<String> wanted) {
        long n = 0;
        for (JsonNode row : rows) {
            if (wanted.contains(row.path(field).asText())) {
                n++;
            }
        }
        return n;
    }
}
