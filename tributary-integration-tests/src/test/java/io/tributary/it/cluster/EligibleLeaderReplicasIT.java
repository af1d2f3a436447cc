package io.tributary.it.cluster;

import static io.tributary.it.cluster.ClusterScenarios.FAILOVER_TIMEOUT;
import static io.tributary.it.cluster.ClusterScenarios.awaitMoreAcknowledged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.tributary.it.support.AcknowledgingProducer;
import io.tributary.it.support.AcknowledgingProducer.Ack;
import io.tributary.it.tools.KafkaToolRunner;
import io.tributary.it.tools.KafkaToolRunner.ToolResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.tools.TopicCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * KIP-966 on three child processes (combined nodes, RF 3, min.insync.replicas=2): the ISR shrinks to one replica,
 * which then crashes and loses its disk; when the cluster comes back, the replica that left the ISR cleanly below
 * min ISR (the ELR) leads, not the wiped one, and no acknowledged record is lost.
 */
@Tag("cluster")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class EligibleLeaderReplicasIT {

    private static final String MARKER = ".kafka_cleanshutdown";

    /**
     * With one node down, the metadata quorum is the two others: a longer election timeout keeps a busy machine's
     * pauses from costing the active controller its leadership while the second node's controlled shutdown is
     * being committed (that shutdown is what puts it in the ELR).
     */
    @RegisterExtension
    static final ProcessClusterExtension CLUSTER = new ProcessClusterExtension(3,
            Map.of("controller.quorum.election.timeout.ms", "5000"));

    @AfterEach
    void heal() throws Exception {
        CLUSTER.cluster().heal();
    }

    @Test
    void theWipedLastIsrMemberIsNotElectedTheEligibleReplicaLeadsWithEveryAcknowledgedRecord() throws Exception {
        // given: partition 0 led by c, replicas {c, b, a}, acks=all production going on. c is the active
        // controller, so what it commits while the others stop is in its own image at once (a follower learns that
        // an entry is committed only from the leader's next message, which a stopped leader never sends).
        ProcessCluster cluster = CLUSTER.cluster();
        ClusterState state = cluster.state();
        int c = await("a controller leader").atMost(FAILOVER_TIMEOUT).ignoreExceptions()
                .until(state::controllerLeaderId, id -> id >= 0);
        List<Integer> others = cluster.allIds().stream().filter(id -> id != c).sorted().toList();
        int a = others.get(0);
        int b = others.get(1);
        String topic = ClusterScenarios.createTopic(cluster, "elr", Map.of(0, List.of(c, b, a)));
        TopicPartition partition = new TopicPartition(topic, 0);
        AcknowledgingProducer producer = ClusterScenarios.continuousProducer(cluster, topic, 1, "elr");
        awaitMoreAcknowledged(producer, 300);

        // when a stops cleanly: the ISR {c, b} is still at min ISR, a is not eligible
        cluster.node(a).stop();
        state.awaitIsr(partition, "= {" + c + ", " + b + "}", isr -> isr.equals(Set.of(c, b)), FAILOVER_TIMEOUT);
        awaitMoreAcknowledged(producer, 300);

        // and b stops cleanly: the ISR is {c}, below min ISR, and b is eligible (nothing commits any more)
        cluster.node(b).stop();
        TopicPartitionInfo shrunk = await("ELR {" + b + "}").atMost(FAILOVER_TIMEOUT)
                .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> state.partition(partition), info -> ClusterState.ids(info.elr()).equals(List.of(b)));
        ToolResult described = KafkaToolRunner.run(TopicCommand::main, "--bootstrap-server",
                cluster.node(c).bootstrapServer(), "--describe", "--topic", topic);
        List<Ack> acked = producer.stopAndCollect();

        // and c, the last ISR member, crashes and loses its disk; then every node starts again
        cluster.node(c).kill();
        cluster.node(c).wipe();
        long bEpoch = brokerEpochInMarker(cluster.node(b).dataDir());
        boolean aMarker = Files.exists(cluster.node(a).dataDir().resolve(MARKER));
        cluster.heal();

        // then b, not the wiped c, leads, and the topic holds every acknowledged record
        await("node " + b + " to lead " + partition).atMost(FAILOVER_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().until(() -> state.leaderOf(partition) == b);
        state.awaitFullIsr(topic, FAILOVER_TIMEOUT);
        List<ConsumerRecord<String, String>> log = ClusterScenarios.readBack(cluster, topic, 1);
        DeliveryCheck.Report report = DeliveryCheck.check("last ISR member " + c + " wiped, " + b + " eligible",
                producer.sentCount(), acked, log);
        System.out.println(described.output() + report.line() + "\n" + state.describeTopic(topic));

        assertThat(ClusterState.ids(shrunk.isr())).containsExactly(c);
        assertThat(described.exitCode()).as(described.output()).isZero();
        assertThat(described.out()).contains("Elr: " + b);
        assertThat(bEpoch).as("broker epoch in %s's clean-shutdown marker", b).isNotNegative();
        assertThat(aMarker).isTrue();
        assertThat(report.lost()).isZero();
        report.assertExactlyOnceInOrder();
    }

    private static long brokerEpochInMarker(Path dataDir) throws Exception {
        String marker = Files.readString(dataDir.resolve(MARKER));
        return Long.parseLong(marker.replaceAll(".*\"brokerEpoch\"\\s*:\\s*(-?\\d+).*", "$1").trim());
    }
}
