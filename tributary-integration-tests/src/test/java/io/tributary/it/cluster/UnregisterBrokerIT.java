package io.tributary.it.cluster;

import static io.tributary.it.cluster.ClusterScenarios.FAILOVER_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.it.tools.KafkaToolRunner;
import io.tributary.it.tools.KafkaToolRunner.ToolResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.tools.ClusterTool;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code kafka-cluster unregister}: a dead broker is decommissioned (UnregisterBroker): it leaves DescribeCluster,
 * even with fenced brokers included, and the ISRs; asking again is refused with BROKER_ID_NOT_REGISTERED; and
 * the same node started again registers anew.
 */
@Tag("cluster")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UnregisterBrokerIT {

    @RegisterExtension
    static final ProcessClusterExtension CLUSTER = new ProcessClusterExtension(3);

    @Test
    void aDeadBrokerIsUnregisteredWithTheOfficialTool() throws Exception {
        // given a topic on all three brokers, and broker 3 killed and fenced
        ProcessCluster cluster = CLUSTER.cluster();
        ClusterState state = cluster.state();
        String topic = ClusterScenarios.createTopic(cluster, "decommissioned", Map.of(0, List.of(1, 2, 3)));
        TopicPartition partition = new TopicPartition(topic, 0);
        state.awaitFullIsr(topic, FAILOVER_TIMEOUT);
        cluster.node(3).kill();
        await("broker 3 fenced").atMost(FAILOVER_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> !state.liveBrokerIds().contains(3));
        assertThat(registered(state)).contains(3);

        // when it is unregistered with kafka-cluster, then once more
        ToolResult unregistered = KafkaToolRunner.run(ClusterTool::main, "unregister", "--bootstrap-server",
                cluster.bootstrapServers(), "--id", "3");
        ToolResult again = KafkaToolRunner.run(ClusterTool::main, "unregister", "--bootstrap-server",
                cluster.bootstrapServers(), "--id", "3");

        // then it is gone from the cluster and the ISR, and a second unregistration is refused
        assertThat(unregistered.exitCode()).as(unregistered.output()).isZero();
        assertThat(unregistered.output()).contains("Broker 3 is no longer registered.");
        // the broker answering learns it from the metadata log a moment after the controller answered the tool
        await("broker 3 gone from the described cluster").atMost(FAILOVER_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> !registered(state).contains(3));
        assertThat(registered(state)).containsExactlyInAnyOrder(1, 2);
        assertThat(state.isrOf(partition)).containsExactlyInAnyOrder(1, 2);
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.output()).contains("BrokerIdNotRegisteredException");

        // and the node, started again, registers anew
        cluster.restart(cluster.node(3));
        cluster.awaitLiveBrokers(Set.of(1, 2, 3), FAILOVER_TIMEOUT);
        assertThat(registered(state)).containsExactlyInAnyOrder(1, 2, 3);
    }

    /** Every registered broker, fenced ones included (DescribeCluster v2). */
    private static Set<Integer> registered(ClusterState state) throws Exception {
        return state.admin().describeCluster(new DescribeClusterOptions().includeFencedBrokers(true)).nodes()
                .get(10, TimeUnit.SECONDS).stream().map(Node::id).collect(Collectors.toSet());
    }
}
