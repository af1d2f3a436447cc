package io.tributary.it.cluster;

import static io.tributary.it.cluster.ClusterScenarios.FAILOVER_TIMEOUT;
import static io.tributary.it.cluster.ClusterScenarios.awaitMoreAcknowledged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.tributary.it.support.AcknowledgingProducer;
import io.tributary.it.support.AcknowledgingProducer.Ack;
import io.tributary.it.support.Consuming;
import io.tributary.it.tools.KafkaToolRunner;
import io.tributary.it.tools.KafkaToolRunner.ToolResult;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotEnoughReplicasAfterAppendException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.tools.MetadataQuorumCommand;
import org.apache.kafka.tools.TopicCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replicas that fall behind and come back, on one 3-node cluster: a follower frozen with SIGSTOP (as if cut off
 * from the network), a node whose data folder is wiped, an ISR below min.insync.replicas; and what the Admin
 * client and Kafka's own kafka-topics and kafka-metadata-quorum show of a healthy cluster.
 */
@Tag("cluster")
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ReplicaRecoveryIT {

    private static final int ACKS_PER_PHASE = 300;
    /** A partition line of kafka-topics --describe: leader, replicas, ISR. */
    private static final Pattern PARTITION_LINE =
            Pattern.compile("Partition: \\d+\\s+Leader: (\\d+)\\s+Replicas: ([\\d,]+)\\s+Isr: ([\\d,]+)");

    @RegisterExtension
    static final ProcessClusterExtension CLUSTER = new ProcessClusterExtension(3);

    @AfterEach
    void heal() throws Exception {
        CLUSTER.cluster().heal();
    }

    @Test
    void quorumAndTopicDescriptionsShowEveryNode() throws Exception {
        // given
        ProcessCluster cluster = CLUSTER.cluster();
        String topic = ClusterScenarios.createTopic(cluster, "describe", 3);

        // when
        QuorumInfo quorum = cluster.state().quorum();
        TopicDescription description = cluster.state().topic(topic);
        System.out.println(cluster.state().describeQuorum() + "\n" + cluster.state().describeTopic(topic));

        // then like `kafka-metadata-quorum describe --status / --replication`
        assertThat(quorum.voters()).extracting(QuorumInfo.ReplicaState::replicaId)
                .containsExactlyInAnyOrderElementsOf(cluster.allIds());
        assertThat(cluster.allIds()).contains(quorum.leaderId());
        assertThat(quorum.highWatermark()).isPositive();
        assertThat(quorum.voters()).allSatisfy(voter -> assertThat(voter.logEndOffset()).isPositive());

        // and like `kafka-topics --describe`
        assertThat(description.partitions()).hasSize(3).allSatisfy(partition -> {
            List<Integer> replicas = ClusterState.ids(partition.replicas());
            assertThat(replicas).hasSize(3).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(cluster.allIds());
            assertThat(replicas).contains(partition.leader().id());
            assertThat(ClusterState.ids(partition.isr())).containsExactlyInAnyOrderElementsOf(replicas);
        });
    }

    @Test
    void kafkaMetadataQuorumAndKafkaTopicsDescribeTheCluster() throws Exception {
        // given
        ProcessCluster cluster = CLUSTER.cluster();
        String topic = ClusterScenarios.createTopic(cluster, "tools", 2);
        String bootstrap = cluster.bootstrapServers();

        // when
        ToolResult status = KafkaToolRunner.run(MetadataQuorumCommand::main, "--bootstrap-server", bootstrap,
                "describe", "--status");
        ToolResult replication = KafkaToolRunner.run(MetadataQuorumCommand::main, "--bootstrap-server", bootstrap,
                "describe", "--replication");
        ToolResult topics = KafkaToolRunner.run(TopicCommand::main, "--bootstrap-server", bootstrap, "--describe",
                "--topic", topic);
        System.out.println(status.output() + replication.output() + topics.output());

        // then
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.out()).contains("LeaderId:", "HighWatermark:", "CurrentVoters:");
        assertThat(replication.exitCode()).as(replication.output()).isZero();
        assertThat(replication.out().lines().filter(line -> line.contains("Leader"))).hasSize(1);
        assertThat(replication.out().lines().filter(line -> line.contains("Follower"))).hasSize(2);
        assertThat(topics.exitCode()).as(topics.output()).isZero();
        Matcher partitionLine = PARTITION_LINE.matcher(topics.out());
        int partitions = 0;
        while (partitionLine.find()) {
            partitions++;
            Set<String> replicas = Set.of(partitionLine.group(2).split(","));
            assertThat(replicas).as(partitionLine.group()).hasSize(3).contains(partitionLine.group(1));
            assertThat(Set.of(partitionLine.group(3).split(","))).as(partitionLine.group()).isEqualTo(replicas);
        }
        assertThat(partitions).as(topics.out()).isEqualTo(2);
    }

    @Test
    void aPausedFollowerLeavesTheIsrAndRejoinsAfterItResumes() throws Exception {
        // given
        ProcessCluster cluster = CLUSTER.cluster();
        ClusterState state = cluster.state();
        String topic = ClusterScenarios.createTopic(cluster, "paused", 1);
        TopicPartition partition = new TopicPartition(topic, 0);
        AcknowledgingProducer producer = ClusterScenarios.continuousProducer(cluster, topic, 1, "paused");
        awaitMoreAcknowledged(producer, ACKS_PER_PHASE);
        ClusterNode follower = cluster.node(followerOtherThanController(state, partition));

        // when
        follower.pause();
        try {
            // then it leaves the ISR, and acks=all goes on with the two others (min.insync.replicas=2)
            state.awaitIsr(partition, "without paused node " + follower.id(), isr -> !isr.contains(follower.id()),
                    FAILOVER_TIMEOUT);
            awaitMoreAcknowledged(producer, ACKS_PER_PHASE);
        } finally {
            follower.resume();
        }

        // and it comes back once resumed
        state.awaitIsr(partition, "with resumed node " + follower.id(), isr -> isr.contains(follower.id()),
                FAILOVER_TIMEOUT);
        awaitMoreAcknowledged(producer, ACKS_PER_PHASE);
        List<Ack> acked = producer.stopAndCollect();
        state.awaitFullIsr(topic, FAILOVER_TIMEOUT);
        DeliveryCheck.Report report = DeliveryCheck.check("follower paused with SIGSTOP", producer.sentCount(), acked,
                ClusterScenarios.readBack(cluster, topic, 1));
        System.out.println(report.line());
        report.assertExactlyOnceInOrder();
    }

    @Test
    void aNodeWithAWipedDataFolderCatchesUpAndLeadsWithTheDataIntact() throws Exception {
        // given a topic whose preferred leader is the node to be wiped (not the controller, to keep this about data)
        ProcessCluster cluster = CLUSTER.cluster();
        ClusterState state = cluster.state();
        int wiped = cluster.allIds().stream().filter(id -> id != controllerLeader(state)).findFirst().orElseThrow();
        List<Integer> replicas = replicasStartingWith(wiped, cluster.allIds());
        String topic = ClusterScenarios.createTopic(cluster, "wiped", Map.of(0, replicas, 1, replicas));
        List<TopicPartition> partitions = Consuming.partitions(topic, 2);
        AcknowledgingProducer producer = ClusterScenarios.continuousProducer(cluster, topic, 2, "wiped");
        awaitMoreAcknowledged(producer, ACKS_PER_PHASE);
        ClusterNode node = cluster.node(wiped);

        // when it stops, loses its data folder, and comes back while production goes on
        node.stop();
        node.wipe();
        state.awaitNewLeader(partitions.get(0), wiped, FAILOVER_TIMEOUT);
        awaitMoreAcknowledged(producer, ACKS_PER_PHASE);
        cluster.restart(node);
        state.awaitFullIsr(topic, FAILOVER_TIMEOUT);
        List<Ack> acked = producer.stopAndCollect();

        // then, led by the rebuilt replica again, the topic still holds every acknowledged record
        state.admin().electLeaders(ElectionType.PREFERRED, Set.copyOf(partitions)).partitions()
                .get(15, TimeUnit.SECONDS);
        await("node " + wiped + " to lead " + partitions).atMost(FAILOVER_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().until(() -> leaders(state, partitions).equals(Set.of(wiped)));
        List<ConsumerRecord<String, String>> log = ClusterScenarios.readBack(cluster, topic, 2);
        DeliveryCheck.Report report = DeliveryCheck.check("data folder of node " + wiped + " wiped",
                producer.sentCount(), acked, log);
        System.out.println(report.line());
        System.out.println(state.describeTopic(topic));
        report.assertExactlyOnceInOrder();
    }

    @Test
    void acksAllIsRefusedWhileTheIsrIsSmallerThanMinInsyncReplicas() throws Exception {
        // given a partition with two replicas, both needed for acks=all (min.insync.replicas=2)
        ProcessCluster cluster = CLUSTER.cluster();
        ClusterState state = cluster.state();
        int controller = controllerLeader(state);
        List<Integer> others = cluster.allIds().stream().filter(id -> id != controller).sorted().toList();
        int survivor = controller;
        int victim = others.get(0);
        String topic = ClusterScenarios.createTopic(cluster, "min-isr", Map.of(0, List.of(survivor, victim)));
        TopicPartition partition = new TopicPartition(topic, 0);

        // when one of them crashes
        cluster.node(victim).kill();
        state.awaitIsr(partition, "= [" + survivor + "]", isr -> isr.equals(Set.of(survivor)), FAILOVER_TIMEOUT);

        // then acks=all is refused, acks=1 is accepted
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, 0, null, "min-isr-0");
        KafkaProducer<String, String> acksAll = cluster.clients().producer(Map.of(ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.RETRIES_CONFIG, 0));
        assertThatThrownBy(() -> acksAll.send(record).get(15, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause()
                .isInstanceOfAny(NotEnoughReplicasException.class, NotEnoughReplicasAfterAppendException.class);
        KafkaProducer<String, String> acksOne = cluster.clients().producer(Map.of(ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false));
        assertThat(acksOne.send(record).get(15, TimeUnit.SECONDS).offset()).isNotNegative();

        // and acks=all works again once the replica is back in the ISR
        cluster.restart(cluster.node(victim));
        state.awaitFullIsr(topic, FAILOVER_TIMEOUT);
        assertThat(acksAll.send(record).get(15, TimeUnit.SECONDS).offset()).isNotNegative();
    }

    private static int followerOtherThanController(ClusterState state, TopicPartition partition) throws Exception {
        int leader = state.leaderOf(partition);
        int controller = controllerLeader(state);
        List<Integer> followers = state.replicasOf(partition).stream().filter(id -> id != leader).toList();
        return followers.stream().filter(id -> id != controller).findFirst().orElse(followers.get(0));
    }

    private static int controllerLeader(ClusterState state) {
        return await("a controller leader").atMost(FAILOVER_TIMEOUT).ignoreExceptions()
                .until(state::controllerLeaderId, id -> id >= 0);
    }

    private static List<Integer> replicasStartingWith(int first, Set<Integer> all) {
        return Stream.concat(Stream.of(first), all.stream().filter(id -> id != first).sorted()).toList();
    }

    private static Set<Integer> leaders(ClusterState state, List<TopicPartition> partitions) throws Exception {
        Set<Integer> leaders = new HashSet<>();
        for (TopicPartition partition : partitions) {
            leaders.add(state.leaderOf(partition));
        }
        return leaders;
    }
}
