package io.tributary.it.cluster;

import static io.tributary.it.cluster.ClusterScenarios.FAILOVER_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.it.share.ShareConsumers;
import io.tributary.it.share.ShareGroupIT;
import io.tributary.it.support.Producing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.internals.Topic;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Share groups across brokers: share-partition leaders on every broker keep their state with share coordinators
 * on others (__share_group_state replicated like the other internal topics), and a share-partition leader's
 * SIGKILL loses no acknowledgement: the new leader loads the state and redelivers only what was not accepted.
 */
@Tag("cluster")
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ClusterShareGroupIT {

    private static final int PARTITIONS = 3;

    @RegisterExtension
    static final ProcessClusterExtension CLUSTER = new ProcessClusterExtension(3, Map.of(
            "group.share.heartbeat.interval.ms", "500", "group.share.min.heartbeat.interval.ms", "500"));

    @Test
    void acknowledgementsSurviveTheShareLeadersCrash() throws Exception {
        // given a topic whose three partitions have three different leaders, thirty records
        ProcessCluster cluster = CLUSTER.cluster();
        ClusterState state = cluster.state();
        String topic = ClusterScenarios.createTopic(cluster, "cluster-share", PARTITIONS);
        assertThat(Set.of(state.leaderOf(new TopicPartition(topic, 0)), state.leaderOf(new TopicPartition(topic, 1)),
                state.leaderOf(new TopicPartition(topic, 2)))).hasSize(3);
        String group = "cluster-share-" + System.nanoTime();
        ShareConsumers.startAtEarliest(state.admin(), group);
        Producing.sendAll(cluster.clients().producer(), Producing.acrossPartitions(topic, PARTITIONS, "c", 5));
        Set<String> remaining = new java.util.HashSet<>();

        // and a member that accepted the first five records of each partition, then released the next five once
        // and closed. In two steps: a released record is delivered again at the next poll, and a record delivered
        // group.share.delivery.count.limit (5) times is archived, so releasing while other partitions are still
        // loading their state would archive records the test expects back.
        try (ShareConsumers consumers = new ShareConsumers(cluster.bootstrapServers())) {
            KafkaShareConsumer<String, String> consumer = consumers.create(group, topic, true);
            Set<String> accepted = new java.util.HashSet<>();
            long deadline = System.currentTimeMillis() + 60_000;
            while (accepted.size() < 15 && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : ShareConsumers.poll(consumer, 500)) {
                    consumer.acknowledge(record, AcknowledgeType.ACCEPT);
                    accepted.add(record.value());
                }
                consumer.commitSync();
            }
            assertThat(accepted).hasSize(15);

            Producing.sendAll(cluster.clients().producer(), Producing.acrossPartitions(topic, PARTITIONS, "c", 10)
                    .stream().filter(r -> !accepted.contains(r.value())).toList());
            int mostDeliveries = 0;
            deadline = System.currentTimeMillis() + 60_000;
            while (remaining.size() < 15 && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : ShareConsumers.poll(consumer, 500)) {
                    assertThat(record.offset()).isGreaterThanOrEqualTo(5);
                    consumer.acknowledge(record, AcknowledgeType.RELEASE);
                    remaining.add(record.value());
                    mostDeliveries = Math.max(mostDeliveries, record.deliveryCount().orElse((short) 1));
                }
                consumer.commitSync();
            }
            assertThat(remaining).hasSize(15);
            assertThat(mostDeliveries).as("deliveries of a released record, below the limit of 5").isLessThan(5);
        }

        // when the leader of partition 0 is SIGKILLed (once every replica is in sync again, so that one can take over)
        state.awaitFullIsr(topic, FAILOVER_TIMEOUT);
        state.awaitFullIsr(Topic.SHARE_GROUP_STATE_TOPIC_NAME, FAILOVER_TIMEOUT);
        TopicPartition p0 = new TopicPartition(topic, 0);
        int leader = state.leaderOf(p0);
        cluster.node(leader).kill();
        state.awaitNewLeader(p0, leader, FAILOVER_TIMEOUT);

        // then a new member gets exactly the released records, none of the accepted ones
        try (ShareConsumers consumers = new ShareConsumers(cluster.bootstrapServers())) {
            KafkaShareConsumer<String, String> consumer = consumers.create(group, topic, false);
            List<String> again = new ArrayList<>();
            ShareGroupIT.pollUntil(consumer, 15).forEach(r -> again.add(r.value()));
            again.addAll(ShareConsumers.poll(consumer, 1000).stream().map(ConsumerRecord::value).toList());
            assertThat(again).containsExactlyInAnyOrderElementsOf(remaining);
        }
        cluster.restart(cluster.node(leader));
    }
}
