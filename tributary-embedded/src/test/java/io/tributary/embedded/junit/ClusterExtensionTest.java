package io.tributary.embedded.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.embedded.EmbeddedTributaryCluster;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

@Tributary(nodes = 3)
class ClusterExtensionTest {

    @Test
    void startsAClusterOfThreeNodes(@BootstrapServers String bootstrapServers, Admin admin,
                                    EmbeddedTributaryCluster cluster) throws Exception {
        // when
        admin.createTopics(List.of(new NewTopic("three-replicas", 1, (short) 3))).all().get();

        // then
        assertThat(bootstrapServers.split(",")).hasSize(3);
        assertThat(bootstrapServers).isEqualTo(cluster.bootstrapServers());
        assertThat(admin.describeCluster().nodes().get()).hasSize(3);
        assertThat(admin.describeTopics(List.of("three-replicas")).allTopicNames().get().get("three-replicas")
                .partitions().get(0).replicas()).hasSize(3);
    }
}
