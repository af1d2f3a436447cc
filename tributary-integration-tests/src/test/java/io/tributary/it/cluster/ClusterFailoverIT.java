package io.tributary.it.cluster;

import static io.tributary.it.cluster.ClusterScenarios.FAILOVER_TIMEOUT;
import static io.tributary.it.cluster.ClusterScenarios.awaitMoreAcknowledged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.tributary.it.support.AcknowledgingProducer;
import io.tributary.it.support.AcknowledgingProducer.Ack;
import io.tributary.it.support.GroupMember;
import io.tributary.it.support.TopicNames;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 7's main scenario: three nodes, a topic with three replicas and min.insync.replicas=2, an idempotent
 * acks=all producer writing all along, and a consumer group of two reading all along, while the partition leader,
 * then a follower, then the controller leader are killed with SIGKILL, each restarted after production went on
 * without it. Nothing acknowledged may be lost, duplicated or reordered, and every node ends back in the ISR.
 */
@Tag("cluster")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ClusterFailoverIT {

    private static final int PARTITIONS = 3;
    private static final int ACKS_PER_PHASE = 500;

    @RegisterExtension
    static final ProcessClusterExtension CLUSTER = new ProcessClusterExtension(3);

    @AfterEach
    void heal() throws Exception {
        CLUSTER.cluster().heal();
    }

    @Test
    void noAcknowledgedRecordIsLostWhileLeaderFollowerAndControllerAreKilled() throws Exception {
        // given
        ProcessCluster cluster = CLUSTER.cluster();
        ClusterState state = cluster.state();
        String topic = ClusterScenarios.createTopic(cluster, "failover", PARTITIONS);
        TopicPartition watched = new TopicPartition(topic, 0);
        String group = TopicNames.unique("failover-group");
        // the group members leave (and stop polling) however the scenario ends
        try (GroupMember first = GroupMember.start("first", cluster.clients().classicGroupConsumer(group), true,
                topic);
             GroupMember second = GroupMember.start("second", cluster.clients().classicGroupConsumer(group), true,
                     topic)) {
            AcknowledgingProducer producer =
                    ClusterScenarios.continuousProducer(cluster, topic, PARTITIONS, "failover");
            awaitMoreAcknowledged(producer, ACKS_PER_PHASE);
            System.out.println(state.describeTopic(topic) + "\n" + state.describeQuorum());

            // when the partition leader crashes
            int leader = state.leaderOf(watched);
            crashAndRestart(cluster, producer, topic, leader,
                    () -> state.awaitNewLeader(watched, leader, FAILOVER_TIMEOUT));

            // and then a follower
            int newLeader = state.leaderOf(watched);
            int follower = state.replicasOf(watched).stream().filter(id -> id != newLeader).findFirst().orElseThrow();
            crashAndRestart(cluster, producer, topic, follower, () -> state.awaitIsr(watched, "without " + follower,
                    isr -> !isr.contains(follower), FAILOVER_TIMEOUT));

            // and then the controller leader
            int controller = state.controllerLeaderId();
            crashAndRestart(cluster, producer, topic, controller,
                    () -> state.awaitNewControllerLeader(controller, FAILOVER_TIMEOUT));

            List<Ack> acked = producer.stopAndCollect();
            int produced = producer.sentCount();

            // then every node is back in every ISR, and the log holds every acknowledged record once, in order
            state.awaitFullIsr(topic, FAILOVER_TIMEOUT);
            List<ConsumerRecord<String, String>> log = ClusterScenarios.readBack(cluster, topic, PARTITIONS);
            DeliveryCheck.Report report = DeliveryCheck.check("leader, follower, controller SIGKILLed", produced, acked,
                    log);
            System.out.println(report.line());
            System.out.println(state.describeTopic(topic) + "\n" + state.describeQuorum());
            report.assertExactlyOnceInOrder();
            assertThat(acked).hasSizeGreaterThanOrEqualTo(7 * ACKS_PER_PHASE);

            // and the group consumed through the crashes
            Set<String> ackedValues = acked.stream().map(Ack::value).collect(Collectors.toSet());
            await("the group to receive every acknowledged record").atMost(FAILOVER_TIMEOUT)
                    .until(() -> received(first, second).containsAll(ackedValues));
            int deliveries = first.received().size() + second.received().size();
            System.out.printf("[consumer group through the crashes] received=%d distinct=%d redelivered=%d "
                            + "failedCommits=%d%n", deliveries, received(first, second).size(),
                    deliveries - received(first, second).size(), first.failedCommits() + second.failedCommits());
            assertThat(first.failure()).as("first member's polling thread").isNull();
            assertThat(second.failure()).as("second member's polling thread").isNull();
        }
    }

    /**
     * SIGKILLs the node, waits until the cluster noticed, lets the producer get more acknowledgements without it,
     * restarts it and waits until it is back in the ISR of every partition of the topic.
     */
    private static void crashAndRestart(ProcessCluster cluster, AcknowledgingProducer producer, String topic,
                                        int nodeId, Runnable awaitNoticed) throws Exception {
        ClusterNode node = cluster.node(nodeId);
        node.kill();
        awaitNoticed.run();
        awaitMoreAcknowledged(producer, ACKS_PER_PHASE);
        cluster.restart(node);
        cluster.state().awaitFullIsr(topic, FAILOVER_TIMEOUT);
        awaitMoreAcknowledged(producer, ACKS_PER_PHASE);
        System.out.printf("node %d killed and back in the ISR; %d records acknowledged so far%n", nodeId,
                producer.acknowledgedCount());
    }

    private static Set<String> received(GroupMember... members) {
        Set<String> values = new HashSet<>();
        for (GroupMember member : members) {
            values.addAll(member.receivedValues());
        }
        return values;
    }
}
