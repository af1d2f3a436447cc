package io.tributary.it.cluster;

import static io.tributary.it.cluster.ClusterScenarios.FAILOVER_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.tributary.it.support.AcknowledgingProducer.Ack;
import io.tributary.it.support.Producing;
import io.tributary.it.tools.KafkaToolRunner;
import io.tributary.it.tools.KafkaToolRunner.ToolResult;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.tools.reassign.ReassignPartitionsCommand;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kafka-reassign-partitions} through the Admin client: a partition moves from replicas [1, 2] to [2, 3]
 * (AlterPartitionReassignments), ListPartitionReassignments shows it until it is done, and its data moves with it;
 * and the same with the tool itself ({@code --execute}, then {@code --verify}).
 */
@Tag("cluster")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReassignmentIT {

    private static final int RECORDS_BEFORE = 1_000;
    private static final int RECORDS_AFTER = 100;

    @RegisterExtension
    static final ProcessClusterExtension CLUSTER = new ProcessClusterExtension(3);

    @Test
    void movesAPartitionFromReplicasOneTwoToTwoThreeWithItsData() throws Exception {
        // given
        ProcessCluster cluster = CLUSTER.cluster();
        ClusterState state = cluster.state();
        String topic = ClusterScenarios.createTopic(cluster, "reassigned", Map.of(0, List.of(1, 2)));
        TopicPartition partition = new TopicPartition(topic, 0);
        KafkaProducer<String, String> producer = cluster.clients().producer();
        List<Ack> acked = new ArrayList<>();
        send(producer, topic, 0, RECORDS_BEFORE, acked);

        // when
        state.admin().alterPartitionReassignments(Map.of(partition,
                Optional.of(new NewPartitionReassignment(List.of(2, 3))))).all().get(15, TimeUnit.SECONDS);
        await("the reassignment of " + partition + " to finish").atMost(FAILOVER_TIMEOUT)
                .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> !state.admin().listPartitionReassignments().reassignments().get(15, TimeUnit.SECONDS)
                        .containsKey(partition));
        System.out.println(state.describeTopic(topic));

        // then
        assertThat(state.replicasOf(partition)).containsExactly(2, 3);
        state.awaitIsr(partition, "= [2, 3]", isr -> isr.equals(Set.of(2, 3)), FAILOVER_TIMEOUT);
        assertThat(state.leaderOf(partition)).isIn(2, 3);

        // and the data moved with it, and the partition takes new records
        send(producer, topic, RECORDS_BEFORE, RECORDS_AFTER, acked);
        List<ConsumerRecord<String, String>> log = ClusterScenarios.readBack(cluster, topic, 1);
        DeliveryCheck.Report report = DeliveryCheck.check("partition moved from [1,2] to [2,3]",
                RECORDS_BEFORE + RECORDS_AFTER, acked, log);
        System.out.println(report.line());
        report.assertExactlyOnceInOrder();
        assertThat(log).hasSize(RECORDS_BEFORE + RECORDS_AFTER);
    }

    @Test
    void kafkaReassignPartitionsMovesAPartitionAndVerifiesIt(@TempDir Path dir) throws Exception {
        // given
        ProcessCluster cluster = CLUSTER.cluster();
        ClusterState state = cluster.state();
        String topic = ClusterScenarios.createTopic(cluster, "tool-reassigned", Map.of(0, List.of(2, 3)));
        TopicPartition partition = new TopicPartition(topic, 0);
        List<Ack> acked = new ArrayList<>();
        send(cluster.clients().producer(), topic, 0, RECORDS_BEFORE, acked);
        Path plan = Files.writeString(dir.resolve("reassignment.json"),
                "{\"version\":1,\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":0,\"replicas\":[3,1]}]}");
        String[] common = {"--bootstrap-server", cluster.bootstrapServers(), "--reassignment-json-file", plan.toString()};

        // when
        ToolResult execute = KafkaToolRunner.run(ReassignPartitionsCommand::main, with(common, "--execute"));
        System.out.println(execute.output());
        assertThat(execute.exitCode()).as(execute.output()).isZero();
        await("kafka-reassign-partitions --verify to report completion").atMost(FAILOVER_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> KafkaToolRunner.run(ReassignPartitionsCommand::main,
                        with(common, "--verify", "--preserve-throttles")).out(), out -> out.contains("is completed"));

        // then
        assertThat(state.replicasOf(partition)).containsExactly(3, 1);
        state.awaitIsr(partition, "= [1, 3]", isr -> isr.equals(Set.of(1, 3)), FAILOVER_TIMEOUT);
        DeliveryCheck.Report report = DeliveryCheck.check("kafka-reassign-partitions [2,3] to [3,1]", RECORDS_BEFORE,
                acked, ClusterScenarios.readBack(cluster, topic, 1));
        System.out.println(report.line());
        report.assertExactlyOnceInOrder();
        assertThat(report.readBack()).isEqualTo(RECORDS_BEFORE);
    }

    @Test
    void aThrottledReassignmentReplicatesNoFasterThanTheThrottle(@TempDir Path dir) throws Exception {
        // given 6 MB in a partition on brokers [1, 2]
        ProcessCluster cluster = CLUSTER.cluster();
        ClusterState state = cluster.state();
        String topic = ClusterScenarios.createTopic(cluster, "throttled", Map.of(0, List.of(1, 2)));
        TopicPartition partition = new TopicPartition(topic, 0);
        String kilobyte = "x".repeat(1024);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 6 * 1024; i++) {
            records.add(new ProducerRecord<>(topic, 0, null, kilobyte));
        }
        Producing.sendAll(cluster.clients().producer(), records);
        Path plan = Files.writeString(dir.resolve("throttled.json"),
                "{\"version\":1,\"partitions\":[{\"topic\":\"" + topic + "\",\"partition\":0,\"replicas\":[1,2,3]}]}");
        String[] common = {"--bootstrap-server", cluster.bootstrapServers(), "--reassignment-json-file", plan.toString()};

        // when a third replica is added with a 1 MB/s throttle (leader and follower side, as the tool sets it)
        long started = System.nanoTime();
        ToolResult execute = KafkaToolRunner.run(ReassignPartitionsCommand::main,
                with(common, "--execute", "--throttle", "1000000"));
        assertThat(execute.exitCode()).as(execute.output()).isZero();
        await("the throttled reassignment to finish").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> !state.admin().listPartitionReassignments().reassignments().get(15, TimeUnit.SECONDS)
                        .containsKey(partition));
        double seconds = (System.nanoTime() - started) / 1e9;
        ToolResult verify = KafkaToolRunner.run(ReassignPartitionsCommand::main, with(common, "--verify"));

        // then 6 MB took at least ~5 s at 1 MB/s (the first fetch of up to 1 MiB passes before the rate is known),
        // and --verify removed the throttles
        System.out.printf("6 MB replicated under a 1 MB/s throttle in %.1f s%n", seconds);
        assertThat(seconds).isGreaterThan(4.0);
        assertThat(state.replicasOf(partition)).containsExactly(1, 2, 3);
        assertThat(verify.output()).contains("Clearing broker-level throttles", "Clearing topic-level throttles");
    }

    @Test
    void kafkaReassignPartitionsGeneratesAPlanThatMovesEverythingOffABroker(@TempDir Path dir) throws Exception {
        // given a topic with two replicas per partition, both partitions with one on broker 3
        ProcessCluster cluster = CLUSTER.cluster();
        String topic = ClusterScenarios.createTopic(cluster, "decommission-plan",
                Map.of(0, List.of(1, 3), 1, List.of(3, 2)));
        Path topics = Files.writeString(dir.resolve("topics.json"),
                "{\"version\":1,\"topics\":[{\"topic\":\"" + topic + "\"}]}");

        // when a plan is generated for brokers 1 and 2 only (broker 3 to be decommissioned)
        ToolResult generate = KafkaToolRunner.run(ReassignPartitionsCommand::main, "--bootstrap-server",
                cluster.bootstrapServers(), "--topics-to-move-json-file", topics.toString(), "--broker-list", "1,2",
                "--generate");

        // then the proposal leaves broker 3 out of every partition's replicas
        assertThat(generate.exitCode()).as(generate.output()).isZero();
        String proposed = generate.out().substring(generate.out().indexOf("Proposed partition reassignment"));
        assertThat(proposed).contains("\"topic\":\"" + topic + "\"").doesNotContain("3]", "[3", ",3,");
    }

    private static String[] with(String[] common, String... more) {
        return Stream.concat(Arrays.stream(common), Arrays.stream(more)).toArray(String[]::new);
    }

    /** Sends "moved-from".."moved-(from+count-1)" to one partition and records each acknowledgement. */
    private static void send(KafkaProducer<String, String> producer, String topic, int from, int count,
                             List<Ack> acked) throws Exception {
        List<ProducerRecord<String, String>> records = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            records.add(new ProducerRecord<>(topic, 0, null, "moved-" + i));
        }
        List<RecordMetadata> metadata = Producing.sendAll(producer, records);
        for (int i = 0; i < count; i++) {
            acked.add(new Ack(metadata.get(i).partition(), metadata.get(i).offset(), records.get(i).value()));
        }
    }
}
