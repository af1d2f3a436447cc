package io.tributary.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tributary.it.support.Consuming;
import io.tributary.it.support.Producing;
import io.tributary.it.support.TopicNames;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The harness itself on a one-node cluster, which needs no replication: kill and restart keep the data, pause
 * freezes the node until resumed, wipe empties it, close leaves no process behind.
 */
@Tag("cluster")
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ProcessClusterHarnessIT {

    @RegisterExtension
    static final ProcessClusterExtension CLUSTER = new ProcessClusterExtension(1);

    @Test
    void aKilledNodeRestartsWithItsData() throws Exception {
        // given
        ProcessCluster cluster = CLUSTER.cluster();
        String topic = createTopic(cluster);
        Producing.sendAll(cluster.clients().producer(), Producing.numbered(topic, 0, "kept", 50));
        ClusterNode node = cluster.node(1);

        // when
        node.kill();
        assertThat(node.isRunning()).isFalse();
        cluster.restart(node);

        // then
        assertThat(node.isRunning()).isTrue();
        assertThat(Consuming.values(Consuming.readToEnd(cluster.clients().consumer(), partition0(topic))))
                .containsExactlyElementsOf(Producing.numberedValues("kept", 0, 50));
        System.out.println(cluster.state().describeTopic(topic));
    }

    @Test
    void aPausedNodeDoesNotAnswerUntilResumed() throws Exception {
        // given
        ProcessCluster cluster = CLUSTER.cluster();
        String topic = createTopic(cluster);
        KafkaConsumer<String, String> consumer = cluster.clients().consumer();
        assertThat(consumer.endOffsets(partition0(topic), Duration.ofSeconds(10))).isNotEmpty();

        // when
        cluster.node(1).pause();
        try {
            // then
            assertThatThrownBy(() -> consumer.endOffsets(partition0(topic), Duration.ofSeconds(2)))
                    .isInstanceOf(TimeoutException.class);
        } finally {
            cluster.node(1).resume();
        }
        assertThat(consumer.endOffsets(partition0(topic), Duration.ofSeconds(15))).isNotEmpty();
    }

    @Test
    void aWipedNodeStartsEmpty() throws Exception {
        // given
        ProcessCluster cluster = CLUSTER.cluster();
        String topic = createTopic(cluster);
        ClusterNode node = cluster.node(1);

        // when
        node.stop();
        node.wipe();
        assertThat(node.dataDir()).doesNotExist();
        cluster.restart(node);

        // then the only node's metadata went too, so the topic is gone
        assertThat(Files.isDirectory(node.dataDir())).isTrue();
        assertThat(cluster.state().admin().listTopics().names().get(15, TimeUnit.SECONDS)).doesNotContain(topic);
    }

    @Test
    void healRestartsAKilledNodeAndResumesAPausedOne() throws Exception {
        // given
        ProcessCluster cluster = CLUSTER.cluster();
        ClusterNode node = cluster.node(1);
        node.kill();

        // when
        cluster.heal();
        node.pause();
        cluster.heal();

        // then
        assertThat(node.isRunning()).isTrue();
        assertThat(node.isPaused()).isFalse();
        assertThat(cluster.state().liveBrokerIds()).containsExactly(1);
    }

    @Test
    void wipingARunningNodeIsRefused() {
        assertThatThrownBy(() -> CLUSTER.cluster().node(1).wipe()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingTheClusterLeavesNoProcessAndKeepsTheLogs() throws Exception {
        // given
        ProcessCluster other = new ProcessCluster("ProcessClusterHarnessIT-close", 1, Map.of());
        try {
            other.start();
            assertThat(other.diagnostics(20)).contains("node 1").contains("running");

            // when
            other.close();

            // then
            assertThat(other.nodes()).noneMatch(ClusterNode::isRunning);
            assertThat(other.workDir().resolve("node-1").resolve("broker-1.log")).isNotEmptyFile();
        } finally {
            other.close();
        }
    }

    private static String createTopic(ProcessCluster cluster) throws Exception {
        String topic = TopicNames.unique("harness");
        cluster.state().admin().createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all()
                .get(15, TimeUnit.SECONDS);
        return topic;
    }

    private static List<TopicPartition> partition0(String topic) {
        return List.of(new TopicPartition(topic, 0));
    }
}
