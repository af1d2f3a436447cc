package io.tributary.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

class EmbeddedTributaryClusterTest {

    @Test
    void replicatesAndFailsOverWhenTheLeaderStops() throws Exception {
        // given: three nodes and a topic with three replicas
        try (EmbeddedTributaryCluster cluster = EmbeddedTributaryCluster.builder().nodes(3).start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                     cluster.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("replicated", 1, (short) 3))).all().get();
            Clients.send(cluster.bootstrapServers(), "replicated", "before");
            // A consumer group now, while all three nodes run: __consumer_offsets gets its three replicas.
            assertThat(Clients.read(cluster.bootstrapServers(), "replicated", 1)).containsExactly("before");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> describe(admin).partitions().get(0).isr().size() == 3);
            int leader = describe(admin).partitions().get(0).leader().id();

            int leaderPort = cluster.node(leader).port();

            // when: the leader stops
            cluster.node(leader).stop();

            // then: another replica leads, and the record written before is still there
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                var partition = describe(admin).partitions().get(0);
                return partition.leader() != null && partition.leader().id() != leader;
            });
            Clients.send(cluster.bootstrapServers(), "replicated", "after");
            assertThat(Clients.read(cluster.bootstrapServers(), "replicated", 2)).containsExactly("before", "after");

            // and when the node comes back, on its ports, it catches up into the ISR
            cluster.node(leader).start();
            assertThat(cluster.node(leader).port()).isEqualTo(leaderPort);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> describe(admin).partitions().get(0).isr().size() == 3);
        }
    }

    private static TopicDescription describe(Admin admin) throws Exception {
        return admin.describeTopics(List.of("replicated")).allTopicNames().get().get("replicated");
    }
}
