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
 * KIP-966 on three child processes (combined nodes, min.insync.replicas=2): the ISR of a partition shrinks to one
 * replica, which then crashes and loses its disk; when the nodes come back, the replica that left the ISR cleanly
 * below min ISR (the ELR) leads, not the wiped one, and no acknowledged record is lost. The partition has two
 * replicas, b and c, so that the third node keeps the metadata quorum (two of three voters) while b stops: with
 * three replicas on three combined nodes, the ISR cannot shrink to one without losing the quorum that records it.
 */
@Tag("cluster")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class EligibleLeaderReplicasIT {

    private static final String MARKER = ".kafka_cleanshutdown";

    @RegisterExtension
    static final ProcessClusterExtension CLUSTER = new ProcessClusterExtension(3);

    @AfterEach
    void heal() throws Exception {
        CLUSTER.cluster().heal();
    }

    @Test
    void theWipedLastIsrMemberIsNotElectedTheEligibleReplicaLeadsWithEveryAcknowledgedRecord() throws Exception {
        // given: partition 0 on c and b, led by c, acks=all production going on
        ProcessCluster cluster = CLUSTER.cluster();
        ClusterState state = cluster.state();
        List<Integer> ids = cluster.allIds().stream().sorted().toList();
        int b = ids.get(1);
        int c = ids.get(2);
        String topic = ClusterScenarios.createTopic(cluster, "elr", Map.of(0, List.of(c, b)));
        TopicPartition partition = new TopicPartition(topic, 0);
        AcknowledgingProducer producer = ClusterScenarios.continuousProducer(cluster, topic, 1, "elr");
        awaitMoreAcknowledged(producer, 300);

        // when b stops cleanly: the ISR is {c}, below min ISR, so nothing commits any more and b is eligible
        cluster.node(b).terminate();
        long bEpoch = brokerEpochInMarker(cluster.node(b).dataDir());
        TopicPartitionInfo shrunk = await("ELR {" + b + "}").atMost(FAILOVER_TIMEOUT)
                .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> state.partition(partition), info -> ClusterState.ids(info.elr()).equals(List.of(b)));
        ToolResult described = KafkaToolRunner.run(TopicCommand::main, "--bootstrap-server",
                cluster.bootstrapServers(), "--describe", "--topic", topic);
        List<Ack> acked = producer.stopAndCollect();

        // and c, the last ISR member, crashes and loses its disk; then b and c start again
        cluster.node(c).kill();
        cluster.node(c).wipe();
        cluster.heal();

        // then b, not the wiped c, leads, and the topic holds every acknowledged record
        await("node " + b + " to lead " + partition).atMost(FAILOVER_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().until(() -> state.leaderOf(partition) == b);
        state.awaitFullIsr(topic, FAILOVER_TIMEOUT);
        List<ConsumerRecord<String, String>> log = ClusterScenarios.readBack(cluster, topic, 1);
        DeliveryCheck.Report report = DeliveryCheck.check("last ISR member " + c + " wiped, " + b + " eligible",
                producer.sentCount(), acked, log);
        System.out.println(described.output() + report.line() + "\n" + state.describeTopic(topic));

        assertThat(bEpoch).as("broker epoch in node %d's clean-shutdown marker", b).isNotNegative();
        assertThat(ClusterState.ids(shrunk.isr())).containsExactly(c);
        assertThat(described.exitCode()).as(described.output()).isZero();
        assertThat(described.out()).contains("Elr: " + b);
        assertThat(acked).isNotEmpty();
        report.assertExactlyOnceInOrder();
    }

    private static long brokerEpochInMarker(Path dataDir) throws Exception {
        String marker = Files.readString(dataDir.resolve(MARKER));
        return Long.parseLong(marker.replaceAll(".*\"brokerEpoch\"\\s*:\\s*(-?\\d+).*", "$1").trim());
    }
}
